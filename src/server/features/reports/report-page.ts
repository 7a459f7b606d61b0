import { AppError } from '../../lib/app-error.ts';

/** How a per-user table is asked for: a column, a direction, a page (see contract/reports.ts). */
export interface PageRequest<S extends string> {
  sort?: S;
  order?: 'asc' | 'desc';
  cursor?: string;
  /** Omitted: every row. */
  limit?: number;
}

type Cell = string | number | null;

/**
 * Sorts a report's rows by one column (nulls last in either direction; ties by name, then by the
 * row's id, so the order is total and the same on every request) and cuts one page. The cursor
 * is the next page's offset with the sort it belongs to (base64url JSON): pages of one sort
 * answer every row exactly once while the data stays as it was; a cursor of another sort, or
 * garbage, is a 400.
 */
export function pageRows<T extends { name: string }, S extends string & keyof T>(
  rows: T[],
  request: PageRequest<S>,
  options: { defaultSort: S; textColumns: readonly string[]; idOf: (row: T) => string },
): { rows: T[]; nextCursor: string | null; totalRows: number } {
  const sort = request.sort ?? options.defaultSort;
  const order = request.order ?? (options.textColumns.includes(sort) ? 'asc' : 'desc');
  const sign = order === 'asc' ? 1 : -1;
  const sorted = [...rows].sort((a, b) => {
    const byColumn = compareCells(a[sort] as Cell, b[sort] as Cell, sign);
    if (byColumn !== 0) return byColumn;
    const byName = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    if (byName !== 0) return byName;
    const idA = options.idOf(a);
    const idB = options.idOf(b);
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
  if (request.limit === undefined) return { rows: sorted, nextCursor: null, totalRows: sorted.length };
  const offset = decodeOffset(request.cursor, `${sort}:${order}`);
  const end = offset + request.limit;
  return {
    rows: sorted.slice(offset, end),
    nextCursor: end < sorted.length ? encodeOffset(end, `${sort}:${order}`) : null,
    totalRows: sorted.length,
  };
}

/** Nulls last whatever the direction; numbers by value, text by code unit. */
function compareCells(a: Cell, b: Cell, sign: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a < b ? -1 : 1) * sign;
}

function encodeOffset(offset: number, sort: string): string {
  return Buffer.from(JSON.stringify([sort, offset])).toString('base64url');
}

function decodeOffset(cursor: string | undefined, sort: string): number {
  if (cursor === undefined) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || parsed[0] !== sort) throw invalidCursor();
  const offset = parsed[1];
  if (!Number.isSafeInteger(offset) || offset < 0) throw invalidCursor();
  return offset;
}

function invalidCursor(): AppError {
  return new AppError(
    400,
    'invalid-cursor',
    'Invalid cursor',
    'Use the nextCursor of a previous page as it is, with the same sort and order.',
  );
}
