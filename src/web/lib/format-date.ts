import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

// All API timestamps are ISO 8601 UTC; everything shown is in the viewer's browser time zone.

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const zonedFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'long',
});
const utcFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** IANA name of the viewer's zone, e.g. "Europe/Berlin". */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

/** "Mar 5, 2025, 2:03:22 PM" in the viewer's zone. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** "Mar 5, 2025" in the viewer's zone. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** "Mar 5, 2025, 2:03:22 PM GMT+1" — the viewer's zone, with its abbreviation. */
export function formatDateTimeWithZone(iso: string): string {
  return zonedFormat.format(new Date(iso));
}

/** "2025-03-05 13:03:22 UTC" */
export function formatUtc(iso: string): string {
  const parts = Object.fromEntries(utcFormat.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} UTC`;
}

/** "3 days ago", "in 6 days" */
export function formatRelative(iso: string, now: Date = new Date()): string {
  return dayjs(iso).from(now);
}
