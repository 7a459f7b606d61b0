import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** YYYY-MM-DD, a real calendar date. */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value, 'YYYY-MM-DD').format('YYYY-MM-DD') === value;
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

/** A calendar date moved by whole days (calendar arithmetic, unaffected by DST). */
export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

/** Every calendar date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** Number of calendar days from `from` to `to` (0 when equal). */
export function dayDistance(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

/** The month (YYYY-MM) of an instant in a time zone. */
export function localMonth(at: number, timeZone: string): string {
  return dayjs(at).tz(timeZone).format('YYYY-MM');
}

const DAY_MS = 86_400_000;

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
