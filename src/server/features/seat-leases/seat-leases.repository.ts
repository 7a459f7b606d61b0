import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { LeaseReleaseReason, SeatLeaseRow } from '../../db/schema.ts';
import { HOUR_MS } from '../../lib/time.ts';

export type NewSeatLease = Omit<SeatLeaseRow, 'id'>;
export type LiveLease = Awaited<ReturnType<typeof findLiveLeasesOfSessions>>[number];

/** The columns every reader of a lease needs. */
function selectLeases(db: Db) {
  return db.selectFrom('seat_leases').selectAll().where('released_at', 'is', null);
}

/**
 * Counts one more live lease. On a floating pool only while one is free: a single conditional UPDATE,
 * atomic on both databases, so parallel starts for the last seat cannot both win; null when the pool
 * is full. A named seat's leases are its holder's devices and are always counted. Answers the count
 * after the change and the seats, for the hourly peak.
 */
export async function countLeaseTaken(
  db: Db,
  subscription: { orgId: string; id: string; floating: boolean },
  now: number,
): Promise<{ leased: number; seats: number } | null> {
  let query = db
    .updateTable('subscriptions')
    .set({ leased: sql`leased + 1`, updated_at: now })
    .where('org_id', '=', subscription.orgId)
    .where('id', '=', subscription.id);
  if (subscription.floating) query = query.where(sql<boolean>`leased < seats`);
  const row = await query.returning(['leased', 'seats']).executeTakeFirst();
  return row ? { leased: Number(row.leased), seats: Number(row.seats) } : null;
}

/**
 * Counts one more borrowed lease of a floating pool while it lends fewer than seats − min_pool_seats;
 * false when lending one more would eat into the seats kept for the office.
 */
export async function countFloatingBorrow(db: Db, orgId: string, subscriptionId: string, now: number) {
  const result = await db
    .updateTable('subscriptions')
    .set({ borrowed: sql`borrowed + 1`, updated_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', subscriptionId)
    .where(sql<boolean>`borrowed < seats - min_pool_seats`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A named seat's borrowings are counted too (the Seats in use page shows them); no bound but the device limit. */
export async function countNamedBorrow(db: Db, orgId: string, subscriptionId: string, now: number) {
  await db
    .updateTable('subscriptions')
    .set({ borrowed: sql`borrowed + 1`, updated_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', subscriptionId)
    .execute();
}

/** Counts released leases out again; answers the leases after the change and the seats. */
export async function countLeasesReleased(
  db: Db,
  input: { orgId: string; subscriptionId: string; leases: number; borrowed: number; now: number },
): Promise<{ leased: number; seats: number }> {
  const row = await db
    .updateTable('subscriptions')
    .set({
      leased: sql`leased - ${input.leases}`,
      borrowed: sql`borrowed - ${input.borrowed}`,
      updated_at: input.now,
    })
    .where('org_id', '=', input.orgId)
    .where('id', '=', input.subscriptionId)
    .returning(['leased', 'seats'])
    .executeTakeFirstOrThrow();
  return { leased: Number(row.leased), seats: Number(row.seats) };
}

export async function insertLease(db: Db, row: NewSeatLease): Promise<number> {
  const inserted = await db.insertInto('seat_leases').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/**
 * Marks one lease released unless something released it first. Answers whether it was borrowed at that
 * moment (read by the same statement, so a borrowing that committed meanwhile is counted out), or
 * undefined when another call released it.
 */
export async function markLeaseReleased(
  db: Db,
  id: number,
  release: { at: number; reason: LeaseReleaseReason; by: string | null; note: string | null },
): Promise<{ borrowed: boolean } | undefined> {
  const row = await db
    .updateTable('seat_leases')
    .set({
      released_at: release.at,
      release_reason: release.reason,
      released_by: release.by,
      release_note: release.note,
    })
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .returning('borrowed_until')
    .executeTakeFirst();
  return row ? { borrowed: row.borrowed_until !== null } : undefined;
}

/** Live leases used by these app sessions. */
export async function findLiveLeasesOfSessions(db: Db, sessionIds: number[]) {
  if (sessionIds.length === 0) return [];
  return selectLeases(db).where('app_session_id', 'in', sessionIds).execute();
}

/** A live lease by id, within its organization and subscription. */
export async function findLiveLease(db: Db, orgId: string, subscriptionId: string, id: number) {
  return selectLeases(db)
    .where('org_id', '=', orgId)
    .where('subscription_id', '=', subscriptionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A user's live leases of one subscription (their devices). */
export async function findLiveLeasesOfUser(db: Db, orgId: string, subscriptionId: string, userId: string) {
  return selectLeases(db)
    .where('org_id', '=', orgId)
    .where('subscription_id', '=', subscriptionId)
    .where('user_id', '=', userId)
    .execute();
}

/** Borrowed leases whose time is up, and whether an open app session uses each. */
export async function findExpiredBorrowings(db: Db, now: number, limit = 500) {
  const rows = await db
    .selectFrom('seat_leases as l')
    .leftJoin('app_sessions as s', (join) => join.onRef('s.id', '=', 'l.app_session_id').on('s.ended_at', 'is', null))
    .selectAll('l')
    .select('s.id as open_session_id')
    .where('l.released_at', 'is', null)
    .where('l.borrowed_until', '<=', now)
    .orderBy('l.borrowed_until')
    .limit(limit)
    .execute();
  return rows.map(({ open_session_id, ...lease }) => ({ ...lease, session_open: open_session_id !== null }));
}

/**
 * A borrowed lease turned back into an online one (its borrowing ended while an app session uses it):
 * the borrowed count goes down once, whoever else races for it. True when this call did it.
 */
export async function endBorrowing(
  db: Db,
  lease: { id: number; org_id: string; subscription_id: string },
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('seat_leases')
    .set({ borrowed_at: null, borrowed_until: null })
    .where('id', '=', lease.id)
    .where('released_at', 'is', null)
    .where('borrowed_until', 'is not', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('subscriptions')
    .set({ borrowed: sql`borrowed - 1`, updated_at: now })
    .where('org_id', '=', lease.org_id)
    .where('id', '=', lease.subscription_id)
    .execute();
  return true;
}

/**
 * Locks a live lease's row (on PostgreSQL, until commit; SQLite has one writer) and answers its current
 * borrowing, or undefined when it was released meanwhile. Whoever decides from `borrowed_until` reads it here.
 */
export async function lockLiveLease(db: Db, id: number): Promise<{ borrowed_until: number | null } | undefined> {
  const row = await db
    .updateTable('seat_leases')
    .set({ app_session_id: sql`app_session_id` })
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .returning('borrowed_until')
    .executeTakeFirst();
  return row ? { borrowed_until: row.borrowed_until === null ? null : Number(row.borrowed_until) } : undefined;
}

/** Points a live lease at the app session now using it (a borrowed lease picked up again, or a replaced session's). */
export async function attachLease(db: Db, id: number, sessionId: number | null): Promise<void> {
  await db
    .updateTable('seat_leases')
    .set({ app_session_id: sessionId })
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .execute();
}

/** Turns a live lease into a borrowed one, signed by `signingKeyId`. */
export async function markLeaseBorrowed(
  db: Db,
  id: number,
  borrow: { at: number; until: number; signingKeyId: string },
): Promise<void> {
  await db
    .updateTable('seat_leases')
    .set({ borrowed_at: borrow.at, borrowed_until: borrow.until, signing_key_id: borrow.signingKeyId })
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .execute();
}

/**
 * Records seats in use after a change in the UTC hour of `at`: the hour's peak is the highest of the
 * level before and after each change (the level before is where the hour started, or an earlier change
 * of it), `last` the level after. Hours without a change have no row: their level is the last row's.
 */
export async function noteSeatsInUse(
  db: Db,
  input: { orgId: string; subscriptionId: string; before: number; after: number; seats: number; at: number },
): Promise<void> {
  const hour = Math.floor(input.at / HOUR_MS) * HOUR_MS;
  const peak = Math.max(input.before, input.after);
  await db
    .insertInto('seat_usage_hours')
    .values({
      org_id: input.orgId,
      subscription_id: input.subscriptionId,
      hour,
      peak,
      last: input.after,
      seats: input.seats,
    })
    .onConflict((conflict) =>
      conflict.columns(['subscription_id', 'hour']).doUpdateSet({
        peak: sql`case when excluded.peak > seat_usage_hours.peak then excluded.peak else seat_usage_hours.peak end`,
        last: sql`excluded.last`,
        seats: sql`excluded.seats`,
      }),
    )
    .execute();
}
