import type { AlertSeverity } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { upsertAlert } from './alerts.repository.ts';
import type { RaisedAlert } from './raise-alerts.ts';

/** The seat alerts (issue 14): a floating pool filling up, and people turned away for good. */
export type SeatAlertType = 'seat_pressure' | 'seat_denied';

/**
 * Opens the seat alert of `subjectKey` (which names its subscription or product, its threshold and its
 * organization-local day), or adds one event to it while it is not resolved; written in the caller's
 * transaction. The dedupe key is the subject itself, not a UTC window (dedupeKeyOf): "once a day" is
 * the organization's day. One upsert on the unique (org_id, dedupe_key), so parallel job runs end on
 * one alert and only one of them sees `opened`. Seat alerts are about a pool, not a person or an
 * address: no user, no sign-ins linked.
 */
export async function openSeatAlert(
  trx: Db,
  input: {
    orgId: string;
    type: SeatAlertType;
    severity: AlertSeverity;
    subjectKey: string;
    explanation: string;
    details: Record<string, unknown>;
    /** When it happened (epoch ms): the latest denial, or the run that saw the pool's fill. */
    at: number;
    now: number;
  },
): Promise<RaisedAlert> {
  const { id, opened } = await upsertAlert(trx, {
    orgId: input.orgId,
    type: input.type,
    severity: input.severity,
    userId: null,
    ip: '',
    subjectKey: input.subjectKey,
    dedupeKey: `${input.type}:${input.subjectKey}`,
    summary: input.explanation,
    details: JSON.stringify(input.details),
    at: input.at,
    now: input.now,
  });
  return {
    id,
    orgId: input.orgId,
    type: input.type,
    severity: input.severity,
    explanation: input.explanation,
    opened,
    userId: null,
    ip: null,
  };
}
