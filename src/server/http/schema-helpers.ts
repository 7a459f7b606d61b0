import { type Static, type TSchema, Type } from 'typebox';

/**
 * `T | null`. Written as `type: [T, "null"]` (or `null` added to an enum) rather than
 * `anyOf`: fast-json-stringify must run Ajv on every value of an anyOf to pick the branch,
 * which made a 50-row Activity page several times slower to serialize.
 */
export function Nullable<T extends TSchema>(schema: T) {
  const json = schema as unknown as { type?: unknown; enum?: unknown[] };
  if (typeof json.type === 'string') {
    return Type.Unsafe<Static<T> | null>({ ...schema, type: [json.type, 'null'] });
  }
  if (Array.isArray(json.enum)) return Type.Unsafe<Static<T> | null>({ ...schema, enum: [...json.enum, null] });
  return Type.Union([schema, Type.Null()]);
}

export const IsoDateTime = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const IdParams = Type.Object({ id: Id });
/** Emails are compared lower-cased; 254 is the longest address SMTP can carry. */
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
