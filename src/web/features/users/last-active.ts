import dayjs from 'dayjs';
import type { LastActiveFilter } from './users.types';

/** The presets offered, in days. */
export const LAST_ACTIVE_PRESETS = [30, 60, 90, 180] as const;

const PRESET = /^(\d{1,4})d$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A value from the address when it is a preset or a real calendar day, else null (ignored). */
export function parseLastActive(value: string | null): LastActiveFilter | null {
  if (!value) return null;
  const preset = PRESET.exec(value);
  if (preset) return Number(preset[1]) >= 1 ? (value as LastActiveFilter) : null;
  // dayjs reads YYYY-MM-DD as a local day and rolls 30 February over to March: a round trip tells real days.
  if (DAY.test(value) && dayjs(value).format('YYYY-MM-DD') === value) {
    return value as LastActiveFilter;
  }
  return null;
}

/**
 * The instant the API's lastActiveBefore takes: the start of the day (viewer's zone) `days` before today, or
 * of the chosen day. Whole days keep the list's query (and its cache key) the same all day long.
 */
export function lastActiveBefore(filter: LastActiveFilter | null, today: Date = new Date()): string | null {
  if (!filter) return null;
  const preset = PRESET.exec(filter);
  if (preset) return dayjs(today).startOf('day').subtract(Number(preset[1]), 'day').toDate().toISOString();
  return dayjs(filter).startOf('day').toDate().toISOString();
}

/** "Not active in 30 days", "Not active since Oct 1, 2026". */
export function lastActiveLabel(filter: LastActiveFilter): string {
  const preset = PRESET.exec(filter);
  if (preset) return `Not active in ${preset[1]} days`;
  return `Not active since ${dayjs(filter).format('MMM D, YYYY')}`;
}
