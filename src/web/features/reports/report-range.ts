import { MAX_RANGE_DAYS } from '../../../common/api-limits';

// Report ranges are calendar days (YYYY-MM-DD, both ends inclusive) in the organization's time zone, as the API
// takes them. Day arithmetic is done on UTC dates so that no zone or daylight-saving change can shift a day.

export const RANGE_PRESETS = [7, 30, 90, 365] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = 30;

export interface DayRange {
  from: string;
  to: string;
}

export interface ReportRange extends DayRange {
  /** The preset the range follows (it moves with today), or null for fixed custom days. */
  preset: RangePreset | null;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (not 2025-02-30). */
export function isDay(value: string | null | undefined): value is string {
  const match = value ? DAY_PATTERN.exec(value) : null;
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The day `count` days after `day` (before, when negative). */
export function addDays(day: string, count: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + count)).toISOString().slice(0, 10);
}

/** Today's calendar day in `timeZone` (an IANA name); the viewer's own day when the zone is unknown. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The last `days` days, today included. */
export function presetRange(days: number, today: string): DayRange {
  return { from: addDays(today, -(days - 1)), to: today };
}

export function isPreset(value: unknown): value is RangePreset {
  return RANGE_PRESETS.includes(value as RangePreset);
}

/**
 * The range a report URL asks for: `range=7|30|90|365` (the last N days, moving with today), or fixed
 * `from`/`to` days; anything else (missing, malformed, reversed) is the default last 30 days.
 */
export function resolveRange(
  params: { range: string | null; from: string | null; to: string | null },
  today: string,
): ReportRange {
  const preset = Number(params.range);
  if (params.range && isPreset(preset)) return { preset, ...presetRange(preset, today) };
  if (isDay(params.from) && isDay(params.to) && params.from <= params.to) {
    return { preset: null, from: params.from, to: params.to };
  }
  return { preset: DEFAULT_PRESET, ...presetRange(DEFAULT_PRESET, today) };
}

/** Days in the range, both ends counted. */
export function countDays(range: DayRange): number {
  return Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
}

/** Why the API would refuse this range, or null. */
export function rangeProblem(range: DayRange): string | null {
  if (range.to < range.from) return 'The end is before the start.';
  if (countDays(range) > MAX_RANGE_DAYS) return `Choose at most ${MAX_RANGE_DAYS} days (three years).`;
  return null;
}
