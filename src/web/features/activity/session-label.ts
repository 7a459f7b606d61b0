import type { ActivitySession } from '../../../contract/activity';
import { formatDuration } from '../../lib/format-duration';
import { humanize } from './failure-reasons';

const endReasonLabels: Record<string, string> = {
  signed_out: 'signed out',
  timed_out: 'timed out',
  deactivated: 'deactivated',
  seat_removed: 'seat removed',
  expired: 'subscription expired',
  ended_by_owner: 'ended by an owner',
  ended_by_user: 'ended from the console',
};

/** Why an app session ended, in words ("timed out"); null while it runs. */
export function sessionEndReasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  return endReasonLabels[reason] ?? humanize(reason).toLowerCase();
}

/**
 * An app session for the Outcome column: the badge ("App session", or "In use" while it runs) and the line under
 * it — "1 h 12 min · signed out", or "in use for 5 min".
 */
export function describeSession(session: Pick<ActivitySession, 'active' | 'durationSeconds' | 'endReason'>): {
  badge: string;
  detail: string;
} {
  const duration = formatDuration(session.durationSeconds);
  if (session.active) return { badge: 'In use', detail: `in use for ${duration}` };
  const reason = sessionEndReasonLabel(session.endReason);
  return { badge: 'App session', detail: reason ? `${duration} · ${reason}` : duration };
}
