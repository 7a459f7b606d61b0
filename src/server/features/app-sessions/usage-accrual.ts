import type { DailyAppUsageRow } from '../../db/schema.ts';
import { endOfLocalDay, localDay } from '../../lib/local-date.ts';
import { MINUTE_MS } from '../../lib/time.ts';

/**
 * Usage is written every 5 minutes of a session, not at every heartbeat: reports lag by
 * at most that much, and a heartbeat usually writes one row instead of two.
 */
export const USAGE_FLUSH_MS = 5 * MINUTE_MS;

export interface AccruingSession {
  org_id: string;
  user_id: string;
  app_key: string;
  usage_counted_until: number;
  time_zone: string;
}

/**
 * The active seconds from `usage_counted_until` to `until`, split at the organization's
 * local midnights, when they are due: at least 5 minutes, a new local day, or `force`
 * (the session ends). Seconds are counted between whole-second marks, so the pieces of
 * a session add up exactly to its length.
 */
export function accrueUsage(session: AccruingSession, until: number, force: boolean) {
  const from = session.usage_counted_until;
  if (until <= from) return { rows: [] as DailyAppUsageRow[], countedUntil: from };
  const sameDay = localDay(from, session.time_zone) === localDay(until, session.time_zone);
  if (!force && sameDay && until - from < USAGE_FLUSH_MS) return { rows: [] as DailyAppUsageRow[], countedUntil: from };
  const rows: DailyAppUsageRow[] = [];
  let start = from;
  while (start < until) {
    const day = localDay(start, session.time_zone);
    const end = Math.min(until, endOfLocalDay(day, session.time_zone));
    const seconds = Math.floor(end / 1000) - Math.floor(start / 1000);
    if (seconds > 0) {
      rows.push({
        org_id: session.org_id,
        user_id: session.user_id,
        app_key: session.app_key,
        day,
        sessions: 0,
        active_seconds: seconds,
      });
    }
    start = end;
  }
  return { rows, countedUntil: until };
}
