import type { Alert } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import { findUsersByIds } from '../users/index.ts';
import type { StoredAlert } from './alerts.repository.ts';

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

/** The people alerts name (their subject, who acknowledged, who resolved), read in one query. */
export async function loadPeople(db: Db, orgId: string, ids: (string | null)[]): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const users = await findUsersByIds(db, orgId, wanted);
  return new Map(users.map((user) => [user.id, { id: user.id, name: user.name, email: user.email }]));
}

export function peopleOf(alert: StoredAlert): (string | null)[] {
  return [alert.user_id, alert.acknowledged_by, alert.resolved_by];
}

/** The API shape of a stored alert. */
export function toAlert(alert: StoredAlert, people: Map<string, PersonRef>): Alert {
  const person = (id: string | null) => (id === null ? null : (people.get(id) ?? null));
  return {
    id: alert.id,
    type: alert.type as Alert['type'],
    severity: alert.severity as Alert['severity'],
    status: alert.status,
    explanation: alert.summary,
    user: person(alert.user_id),
    ip: alert.ip === '' ? null : alert.ip,
    signInCount: alert.sign_in_count,
    firstSeenAt: toIso(alert.first_seen_at),
    lastSeenAt: toIso(alert.last_seen_at),
    createdAt: toIso(alert.created_at),
    acknowledgedAt: toIso(alert.acknowledged_at),
    acknowledgedBy: person(alert.acknowledged_by),
    resolvedAt: toIso(alert.resolved_at),
    resolvedBy: person(alert.resolved_by),
    note: alert.note,
  };
}
