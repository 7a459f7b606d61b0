import { Type } from 'typebox';
import { AppError } from './errors.ts';

/** `limit` of every list: 1..200, 50 unless asked. */
export const LimitQuery = Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size, 1 to 200.' });
export const CursorQuery = Type.String({
  maxLength: 512,
  description: 'Opaque cursor from the previous page’s nextCursor.',
});

export const pageOf = <T extends import('typebox').TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/**
 * Keyset cursors are opaque base64url JSON of the last row's sort key. Decoding
 * validates the shape: a garbage cursor is a 400, never a 500.
 */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, shape: readonly ('string' | 'number' | 'nullable-number')[]) {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length) throw invalidCursor();
  shape.forEach((kind, index) => {
    const value = parsed[index];
    const ok =
      kind === 'string'
        ? typeof value === 'string'
        : kind === 'number'
          ? Number.isFinite(value)
          : value === null || Number.isFinite(value);
    if (!ok) throw invalidCursor();
  });
  return parsed as (string | number | null)[];
}

function invalidCursor(): AppError {
  return new AppError(400, 'invalid-cursor', 'Invalid cursor', 'Use the nextCursor of a previous page as it is.');
}
