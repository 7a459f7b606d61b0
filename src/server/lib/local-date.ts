import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { END_INSTANT_MS, FIRST_INSTANT_MS, FIRST_YEAR, LAST_YEAR } from '../../common/date-span.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

// The accepted span of dates (FIRST_YEAR…LAST_YEAR, the instants in between): common/date-span.ts.

const DAY_MS = 86_400_000;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD, a real calendar date inside the accepted span (FIRST_YEAR…LAST_YEAR). */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return (
    year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/i;

/**
 * An RFC 3339 date-time (offset required) as epoch ms, or undefined when it is not a real
 * instant inside the accepted span. Stricter than `Date.parse` and ajv-formats: no leap
 * second (:60, which `Date.parse` turns into NaN), no 30 February, no year 0 or 275760.
 */
export function parseIsoDateTime(value: string): number | undefined {
  const match = DATE_TIME.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (match[9]) {
    const [offsetHours, offsetMins] = [Number(match[10]), Number(match[11])];
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const fraction = match[7] ? Math.floor(Number(`0${match[7]}`) * 1000) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offsetMinutes * 60_000;
  if (!(ms >= FIRST_INSTANT_MS && ms < END_INSTANT_MS)) return undefined;
  // Routes read the value with Date.parse: it must agree (it does for this grammar; checked, not assumed).
  if (Date.parse(value) !== ms) return undefined;
  return ms;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Start of a calendar day in a time zone, epoch ms. */
export function startOfLocalDay(date: string, timeZone: string): number {
  return dayjs.tz(date, timeZone).valueOf();
}

/** End of a calendar day in a time zone (exclusive: the next day's start), epoch ms. */
export function endOfLocalDay(date: string, timeZone: string): number {
  return dayjs.tz(date, timeZone).add(1, 'day').valueOf();
}

/** Today's calendar date in a time zone. */
export function localToday(now: number, timeZone: string): string {
  return dayjs(now).tz(timeZone).format('YYYY-MM-DD');
}

/** A calendar date moved by whole days (calendar arithmetic on day numbers, unaffected by DST). */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/**
 * Every calendar date from `from` to `to`, both included. The walk is on day numbers (a
 * string comparison ends never once a year has five digits); callers bound the length.
 */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  const last = dayNumber(to);
  for (let day = dayNumber(from); day <= last; day++) dates.push(dateOfDayNumber(day));
  return dates;
}

/** Number of calendar days from `from` to `to` (0 when equal). */
export function dayDistance(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The month (YYYY-MM) of an instant in a time zone. */
export function localMonth(at: number, timeZone: string): string {
  return dayjs(at).tz(timeZone).format('YYYY-MM');
}

/**
 * A calendar date as a whole number of days since 1970-01-01, and back: plain integer
 * arithmetic for code that walks millions of dates (report aggregates), where dayjs is too slow.
 */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant (ms) in a time zone: the day an event is counted on. */
export function localDay(at: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}
