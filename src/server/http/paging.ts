import { AppError } from '../lib/app-error.ts';
import { FORBIDDEN_CONTROL_CHARACTERS } from './input-rules.ts';

// The page schemas (limit, cursor, items + nextCursor) are the API contract's: src/contract/paging.ts.

/**
 * Keyset cursors are opaque base64url JSON of the last row's sort key. Decoding
 * validates the shape: a garbage cursor is a 400, never a 500. Every sort key in this API
 * is an integer (epoch ms, a generated id) or text, so a number must be a safe integer
 * (1e308 or 1.5 would overflow or fail PostgreSQL's bigint) and a string must be text
 * PostgreSQL can compare (no control characters, as for every other input).
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
        ? typeof value === 'string' && !FORBIDDEN_CONTROL_CHARACTERS.test(value)
        : kind === 'number'
          ? Number.isSafeInteger(value)
          : value === null || Number.isSafeInteger(value);
    if (!ok) throw invalidCursor();
  });
  return parsed as (string | number | null)[];
}

function invalidCursor(): AppError {
  return new AppError(400, 'invalid-cursor', 'Invalid cursor', 'Use the nextCursor of a previous page as it is.');
}
