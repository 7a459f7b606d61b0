export type SortOrder = 'asc' | 'desc';
/** How a column compares: text by the viewer's collation (numbers inside read as numbers), numbers, instants. */
export type SortKind = 'text' | 'number' | 'date';
export type CellValue = string | number | boolean | null | undefined;

export interface SortState {
  column: string;
  order: SortOrder;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The comparable form of a cell, or null when it has no value (compared last). */
export function toSortKey(value: CellValue, kind: SortKind): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'number') {
    const number = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(number) ? number : null;
  }
  if (kind === 'date') {
    const time = typeof value === 'number' ? value : Date.parse(String(value));
    return Number.isNaN(time) ? null : time;
  }
  return String(value);
}

function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * A sorted copy of `rows`. Empty cells ("never", no price) go last whichever the order, so the rows that have a
 * value stay on top; rows that compare equal keep the order the server gave them.
 */
export function sortRows<Row>(
  rows: readonly Row[],
  value: (row: Row) => CellValue,
  kind: SortKind,
  order: SortOrder,
): Row[] {
  const keyed = rows.map((row, index) => ({ row, index, key: toSortKey(value(row), kind) }));
  const direction = order === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key === b.key) return a.index - b.index;
      return a.key === null ? 1 : -1;
    }
    return direction * compareKeys(a.key, b.key) || a.index - b.index;
  });
  return keyed.map((item) => item.row);
}

/** The order a column gets when clicked: the other way when it is already sorted, else its natural first order. */
export function nextSort(current: SortState | null, column: string, kind: SortKind): SortState {
  if (current?.column === column) return { column, order: current.order === 'asc' ? 'desc' : 'asc' };
  // Biggest and latest first is what people look for in counts and times; names read best A to Z.
  return { column, order: kind === 'text' ? 'asc' : 'desc' };
}
