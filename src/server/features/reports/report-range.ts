import { MAX_RANGE_DAYS } from '../../../common/api-limits.ts';
import { DATE_SPAN_TEXT } from '../../../common/date-span.ts';
import { AppError } from '../../lib/app-error.ts';
import {
  addDays,
  datesBetween,
  dayDistance,
  endOfLocalDay,
  isCalendarDate,
  localToday,
  startOfLocalDay,
} from '../../lib/local-date.ts';

export const DEFAULT_RANGE_DAYS = 30;

/**
 * A report's period: calendar days in the organization's time zone, both ends included,
 * inside the accepted span (lib/local-date.ts) and at most MAX_RANGE_DAYS of them, so `days`
 * (and every per-day loop of a report) stays short.
 * `fromMs`/`toMs` are the instants of the first day's local midnight and of the local
 * midnight after the last day, so a 23- or 25-hour day at a DST change is still one day.
 */
export interface ReportRange {
  from: string;
  to: string;
  timeZone: string;
  fromMs: number;
  toMs: number;
  days: string[];
}

export function parseReportRange(
  query: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
  now: number,
): ReportRange {
  const to = query.to ?? localToday(now, timeZone);
  const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isCalendarDate(value)) {
      throw new AppError(
        400,
        'invalid-range',
        'Invalid date',
        `${name} must be a calendar date as YYYY-MM-DD, from ${DATE_SPAN_TEXT}.`,
        { errors: [{ path: `querystring/${name}`, message: `must be YYYY-MM-DD, from ${DATE_SPAN_TEXT}` }] },
      );
    }
  }
  const length = dayDistance(from, to) + 1;
  if (length < 1) throw new AppError(400, 'invalid-range', 'Invalid range', '`to` must not be before `from`.');
  if (length > MAX_RANGE_DAYS) {
    throw new AppError(400, 'invalid-range', 'Range too long', `A report covers at most ${MAX_RANGE_DAYS} days.`);
  }
  return {
    from,
    to,
    timeZone,
    fromMs: startOfLocalDay(from, timeZone),
    toMs: endOfLocalDay(to, timeZone),
    days: datesBetween(from, to),
  };
}
