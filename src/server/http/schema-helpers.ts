import { type Static, type TSchema, Type } from 'typebox';
import { END_INSTANT_MS, FIRST_INSTANT_MS } from '../lib/local-date.ts';

const FIRST_INSTANT_TEXT = new Date(FIRST_INSTANT_MS).toISOString();
const END_INSTANT_TEXT = new Date(END_INSTANT_MS).toISOString();

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
/** What a date-time the API takes must be (checked by the `date-time` format, http/validation.ts). */
export const DATE_TIME_INPUT = `RFC 3339 / ISO 8601 with an offset (e.g. 2024-05-01T00:00:00Z): a real instant from ${FIRST_INSTANT_TEXT} up to, not including, ${END_INSTANT_TEXT}; no leap second.`;
export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const IdParams = Type.Object({ id: Id });
/** Emails are compared lower-cased; 254 is the longest address SMTP can carry. */
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
