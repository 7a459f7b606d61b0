import { localToday } from '../../lib/local-date.ts';

/**
 * A report's CSV file says what it holds, so downloads of several periods can sit side by side in one folder:
 * `logins-2026-11-01-to-2026-11-30.csv` for a report over a range (its first and last day, both included, in the
 * organization's time zone), `inactive-users-as-of-2026-12-01.csv` for one about the present (that day, there).
 */
export function reportFileName(report: string, answer: object, timeZone: string, now: number): string {
  const { from, to } = answer as { from?: unknown; to?: unknown };
  const period =
    typeof from === 'string' && typeof to === 'string' ? `${from}-to-${to}` : `as-of-${localToday(now, timeZone)}`;
  return `${report}-${period}.csv`;
}
