import { describe, expect, it } from 'vitest';
import { nextSort, sortRows, toSortKey } from './sort-rows';

interface Row {
  name: string;
  total: number;
  lastAt: string | null;
}

const rows: Row[] = [
  { name: 'bea', total: 9, lastAt: '2025-03-01T10:00:00Z' },
  { name: 'Adam', total: 10, lastAt: null },
  { name: 'carl', total: 9, lastAt: '2025-03-01T09:59:59.500+01:00' },
  { name: 'user 10', total: 2, lastAt: '2024-12-31T23:00:00Z' },
  { name: 'user 9', total: 0, lastAt: null },
];

const names = (list: Row[]) => list.map((row) => row.name);

describe('sortRows', () => {
  it('sorts numbers as numbers, ties in their incoming order', () => {
    expect(names(sortRows(rows, (row) => row.total, 'number', 'desc'))).toEqual([
      'Adam',
      'bea',
      'carl',
      'user 10',
      'user 9',
    ]);
    expect(names(sortRows(rows, (row) => row.total, 'number', 'asc'))).toEqual([
      'user 9',
      'user 10',
      'bea',
      'carl',
      'Adam',
    ]);
  });

  it('sorts instants by time whatever their written offset, empty ones last either way', () => {
    expect(names(sortRows(rows, (row) => row.lastAt, 'date', 'desc'))).toEqual([
      'bea',
      'carl',
      'user 10',
      'Adam',
      'user 9',
    ]);
    expect(names(sortRows(rows, (row) => row.lastAt, 'date', 'asc'))).toEqual([
      'user 10',
      'carl',
      'bea',
      'Adam',
      'user 9',
    ]);
  });

  it('sorts text without regard to case, numbers inside read as numbers', () => {
    expect(names(sortRows(rows, (row) => row.name, 'text', 'asc'))).toEqual([
      'Adam',
      'bea',
      'carl',
      'user 9',
      'user 10',
    ]);
  });

  it('leaves the input alone', () => {
    const copy = [...rows];
    sortRows(rows, (row) => row.total, 'number', 'asc');
    expect(rows).toEqual(copy);
  });
});

describe('toSortKey', () => {
  it('treats missing and unreadable values as empty', () => {
    expect(toSortKey(null, 'text')).toBeNull();
    expect(toSortKey('', 'text')).toBeNull();
    expect(toSortKey('soon', 'date')).toBeNull();
    expect(toSortKey('12', 'number')).toBe(12);
    expect(toSortKey('2025-03-01', 'date')).toBe(Date.UTC(2025, 2, 1));
  });
});

describe('nextSort', () => {
  it('starts counts and times biggest first, text A to Z, and flips on a second click', () => {
    expect(nextSort(null, 'total', 'number')).toEqual({ column: 'total', order: 'desc' });
    expect(nextSort({ column: 'total', order: 'desc' }, 'name', 'text')).toEqual({ column: 'name', order: 'asc' });
    expect(nextSort({ column: 'name', order: 'asc' }, 'name', 'text')).toEqual({ column: 'name', order: 'desc' });
  });
});
