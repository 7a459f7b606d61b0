import { formatMoney } from '../../lib/format-money';

// Days (YYYY-MM-DD) and months (YYYY-MM) in report answers are already calendar days of the organization's zone:
// they are written as they are, never moved into the viewer's zone. Instants (…At) are shown in the viewer's zone.

/** "1,234" */
export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "12.5 h", "0.0 h" — hours with one decimal. */
export function formatHours(hours: number, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${format.format(hours)} h`;
}

function dayToDate(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date ?? 1));
}

/** "5 Mar 2025" (en-GB) — a calendar day as it is. */
export function formatDay(day: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(dayToDate(day));
}

/** "5 Mar" — for chart axes. */
export function formatDayShort(day: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(dayToDate(day));
}

/** "Mar 2025" for "2025-03". */
export function formatMonth(month: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(
    dayToDate(`${month}-01`),
  );
}

/** "5 Mar 2025, 14:03" — an instant in the viewer's zone (or `timeZone`), to the minute, as report cells show it. */
export function formatInstant(iso: string, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** An instant in the viewer's zone, or "Never". */
export function formatInstantOrNever(iso: string | null): string {
  return iso ? formatInstant(iso) : 'Never';
}

/** Money from cents with its currency; "—" when the price is not known. */
export function formatCents(cents: number | null, currency: string | null, locale?: string): string {
  if (cents === null || !currency) return '—';
  return formatMoney({ amountCents: cents, currency }, locale);
}

/** "1 day", "30 days" */
export function formatDays(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'day' : 'days'}`;
}
