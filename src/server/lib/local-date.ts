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
