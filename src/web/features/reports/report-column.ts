import type { ReactNode } from 'react';
import { formatCount, formatInstantOrNever } from './report-format';
import type { CellValue, SortKind } from './sort-rows';

/** One column of a report table: what it sorts by, and how a cell reads. */
export interface ReportColumn<Row> {
  key: string;
  label: string;
  kind: SortKind;
  value: (row: Row) => CellValue;
  /** The cell; by default the value, formatted for its kind. */
  render?: (row: Row) => ReactNode;
  /** False for a column of buttons. */
  sortable?: boolean;
  /** Read by screen readers only (an actions column). */
  hiddenLabel?: boolean;
  /** Lets long text wrap; other cells stay on one line so badges and dates are never cut. */
  wrap?: boolean;
  /** Hidden on phones, where the table keeps whom or what a row is about and its main figures. */
  secondary?: boolean;
}

/** A cell's text when the column does not render it itself: counts grouped, instants in the viewer's zone. */
export function formatCell(value: CellValue, kind: SortKind): string {
  if (value === null || value === undefined || value === '') return kind === 'date' ? 'Never' : '—';
  if (kind === 'number' && typeof value === 'number') return formatCount(value);
  if (kind === 'date') return formatInstantOrNever(String(value));
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}
