import type { Lease } from '../../../contract/leases.ts';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { findSubscription } from '../subscriptions/index.ts';
import { findLeasePage, type LeaseListRow } from './seats-in-use.repository.ts';

export interface LeaseKey {
  takenAt: number;
  id: number;
}

/**
 * One page of a subscription's live leases, newest first; `next` is the last row's key when more may
 * follow. 404 for a subscription of another organization.
 */
export async function listSeatsInUse(
  db: Db,
  orgId: string,
  subscriptionId: string,
  page: { state?: 'online' | 'borrowed' | undefined; after?: LeaseKey | undefined; limit: number },
): Promise<{ items: Lease[]; next: LeaseKey | null }> {
  if (!(await findSubscription(db, orgId, subscriptionId))) throw notFound('Subscription');
  const rows = await findLeasePage(db, orgId, subscriptionId, { ...page, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toLease),
    next: rows.length > page.limit && last ? { takenAt: last.taken_at, id: Number(last.id) } : null,
  };
}

function toLease(row: LeaseListRow): Lease {
  const borrowed = row.borrowed_until !== null;
  // An ended session's lease is on its way out (the same transaction frees it); it has no heartbeat left.
  const session = row.last_heartbeat_at !== null && row.ended_at === null ? row : null;
  return {
    id: String(row.id),
    subscriptionId: row.subscription_id,
    state: borrowed ? 'borrowed' : 'online',
    user: { id: row.user_id, email: row.email, name: row.name },
    device: { id: row.device_id, name: row.device_name, os: row.os, osVersion: row.os_version },
    appVersion: row.app_version,
    ip: row.ip,
    location:
      row.ip === null
        ? null
        : {
            countryCode: row.country_code,
            country: row.country,
            region: row.region,
            city: row.city,
            latitude: row.latitude,
            longitude: row.longitude,
            asn: row.asn,
            asOrganization: row.as_organization,
          },
    takenAt: toIso(row.taken_at),
    lastHeartbeatAt: session ? toIso(Number(session.last_heartbeat_at)) : null,
    expiresAt: !borrowed && session ? toIso(Number(session.last_heartbeat_at) + silenceLimitMs(row)) : null,
    borrowedUntil: borrowed ? toIso(Number(row.borrowed_until)) : null,
  };
}

/**
 * How long an online lease outlives its last heartbeat (ms): the session's own limit when it has one (a
 * floating session's is its pool's lease window), else the pool's window on a floating subscription, else
 * 3 heartbeat intervals (named seats, judge-heartbeat.ts).
 */
function silenceLimitMs(row: LeaseListRow): number {
  if (row.silence_limit_s !== null) return row.silence_limit_s * 1000;
  if (row.kind === 'floating') return row.lease_window_s * 1000;
  return Number(row.heartbeat_interval_s ?? 60) * 3 * 1000;
}
