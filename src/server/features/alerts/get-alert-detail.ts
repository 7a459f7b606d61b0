import type { AlertPlace, AlertType, RiskEvidence, RiskFlag } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { findSignInsByIds, type SignInItem } from '../sign-ins/index.ts';
import { loadPeople, peopleOf, toAlert } from './alert-view.ts';
import { findAlertById, findAlertSignInIds, findAlertStatusChanges } from './alerts.repository.ts';

/** Sign-ins an alert's page shows (the newest linked); its counts cover them all. */
export const ALERT_DETAIL_SIGN_INS = 100;

/** The flags whose evidence explains each type of alert (null: every flag of its sign-ins). */
const EXPLAINING_FLAGS: Record<AlertType, readonly RiskFlag[] | null> = {
  brute_force: ['hosting_network', 'anonymous_network'],
  password_spraying: ['hosting_network', 'anonymous_network'],
  impossible_travel: ['impossible_travel'],
  new_country: ['new_country', 'new_place'],
  new_device: ['new_device'],
  account_takeover: ['failures_before_success', 'hosting_network', 'anonymous_network'],
  deactivated_account: ['deactivated_account'],
  reported_by_user: null,
  seat_pressure: [],
  seat_denied: [],
};

/** One alert with its evidence, its newest sign-ins, their places for the map and its history. */
export async function getAlertDetail(db: Db, orgId: string, id: string) {
  const alert = await findAlertById(db, orgId, id);
  if (!alert) throw notFound('Alert');
  const [ids, changes] = await Promise.all([
    findAlertSignInIds(db, orgId, id, ALERT_DETAIL_SIGN_INS),
    findAlertStatusChanges(db, orgId, id),
  ]);
  const signIns = await findSignInsByIds(db, orgId, ids);
  const people = await loadPeople(db, orgId, [...peopleOf(alert), ...changes.map((change) => change.actor_user_id)]);
  const person = (userId: string | null) => (userId === null ? null : (people.get(userId) ?? null));
  return {
    alert: toAlert(alert, people),
    evidence: explainingEvidence(alert.type as AlertType, signIns),
    signIns,
    places: placesOf(signIns),
    history: changes.map((change) => ({
      from: change.from_status as 'open' | 'acknowledged' | 'resolved',
      to: change.to_status as 'open' | 'acknowledged' | 'resolved',
      by: person(change.actor_user_id),
      note: change.note,
      at: toIso(change.changed_at),
    })),
  };
}

/** The evidence of the flags that explain the alert, each once, newest sign-in first. */
export function explainingEvidence(type: AlertType, signIns: SignInItem[]): RiskEvidence[] {
  const flags = EXPLAINING_FLAGS[type];
  const seen = new Set<string>();
  const evidence: RiskEvidence[] = [];
  for (const signIn of signIns) {
    for (const item of signIn.riskDetails) {
      if (flags !== null && !flags.includes(item.flag)) continue;
      const key = JSON.stringify(item);
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push(item);
    }
  }
  return evidence.slice(0, 50);
}

/** The sign-ins grouped by GeoIP position, for the map: most used first. */
export function placesOf(signIns: SignInItem[]) {
  const places = new Map<string, AlertPlace>();
  for (const signIn of signIns) {
    const location = signIn.location;
    if (!location || location.latitude === null || location.longitude === null) continue;
    const key = `${location.latitude},${location.longitude}`;
    const place = places.get(key);
    if (!place) {
      places.set(key, {
        latitude: location.latitude,
        longitude: location.longitude,
        city: location.city,
        country: location.country,
        countryCode: location.countryCode,
        signIns: 1,
        firstAt: signIn.occurredAt,
        lastAt: signIn.occurredAt,
      });
      continue;
    }
    place.signIns += 1;
    // ISO strings of one format order as their times.
    if (signIn.occurredAt < place.firstAt) place.firstAt = signIn.occurredAt;
    if (signIn.occurredAt > place.lastAt) place.lastAt = signIn.occurredAt;
  }
  return [...places.values()].sort((a, b) => b.signIns - a.signIns || (a.lastAt < b.lastAt ? 1 : -1));
}
