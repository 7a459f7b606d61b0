import type { Db } from '../../db/database.ts';

/**
 * The Seats in use page's read: a subscription's live leases with their holder and the app session
 * that uses each (device, version, address, place, last heartbeat). Read-only: taking and releasing
 * leases goes through seat-leases, which owns the table.
 */
export async function findLeasePage(
  db: Db,
  orgId: string,
  subscriptionId: string,
  page: {
    state?: 'online' | 'borrowed' | undefined;
    after?: { takenAt: number; id: number } | undefined;
    limit: number;
  },
) {
  let query = db
    .selectFrom('seat_leases as l')
    .innerJoin('users as u', (join) => join.onRef('u.id', '=', 'l.user_id').onRef('u.org_id', '=', 'l.org_id'))
    .innerJoin('subscriptions as sub', (join) =>
      join.onRef('sub.id', '=', 'l.subscription_id').onRef('sub.org_id', '=', 'l.org_id'),
    )
    .leftJoin('app_sessions as s', (join) =>
      join.onRef('s.id', '=', 'l.app_session_id').onRef('s.org_id', '=', 'l.org_id'),
    )
    .select([
      'l.id',
      'l.subscription_id',
      'l.user_id',
      'l.device_id',
      'l.device_name',
      'l.taken_at',
      'l.borrowed_until',
      'u.email',
      'u.name',
      'sub.kind',
      'sub.lease_window_s',
      's.app_version',
      's.os',
      's.os_version',
      's.ip',
      's.country_code',
      's.country',
      's.region',
      's.city',
      's.latitude',
      's.longitude',
      's.asn',
      's.as_organization',
      's.last_heartbeat_at',
      's.heartbeat_interval_s',
      's.silence_limit_s',
      's.ended_at',
    ])
    .where('l.org_id', '=', orgId)
    .where('l.subscription_id', '=', subscriptionId)
    .where('l.released_at', 'is', null);
  if (page.state === 'online') query = query.where('l.borrowed_until', 'is', null);
  if (page.state === 'borrowed') query = query.where('l.borrowed_until', 'is not', null);
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('l.taken_at', '<', after.takenAt),
        eb.and([eb('l.taken_at', '=', after.takenAt), eb('l.id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('l.taken_at', 'desc').orderBy('l.id', 'desc').limit(page.limit).execute();
}
export type LeaseListRow = Awaited<ReturnType<typeof findLeasePage>>[number];
