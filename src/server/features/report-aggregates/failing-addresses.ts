import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { isSqlite } from '../../db/dialect.ts';

/**
 * The security report's failing addresses from a bounded table: per organization and local day,
 * only the TOP_ADDRESSES_PER_DAY addresses with the most failures that day (ties: the lower
 * address in byte order). `daily_failed_sign_ins` keeps the exact per-day, address and account
 * counts the ranking is taken from; the report reads the day's top rows only, so its cost grows
 * with the range's days (at most K rows a day), not with an attack's addresses. An address that
 * was in no day's top K is left out of the table and counted in the remainder instead.
 */
export const TOP_ADDRESSES_PER_DAY = 100;

/** Addresses the report answers, merged over the range (the rest is the remainder). */
export const ADDRESSES_SHOWN = 100;

/** Days per statement: far below SQLite's bound-parameter limit. */
const DAYS_CHUNK = 400;

export interface FailingAddressKey {
  orgId: string;
  day: string;
  ip: string;
}

/** Byte order of addresses on both databases (PostgreSQL's default collation may ignore punctuation). */
const ipOrder = (db: Db, column: string): RawBuilder<unknown> =>
  isSqlite(db) ? sql.ref(column) : sql`${sql.ref(column)} collate "C"`;

/**
 * The write path, inside the caller's transaction, after the failures were added to
 * `daily_failed_sign_ins`: each touched (day, address) takes its new total and enters the day's
 * top K when it now ranks there, pushing out the day's last. Counts only grow on this path, so
 * the table stays exactly the day's top K (what recountFailingAddressDays computes).
 *
 * On PostgreSQL one transaction at a time ranks a given organization's day (an advisory lock held
 * to its commit, days taken in order): two sign-ins failing at once from addresses beyond the top K
 * would otherwise each wait to delete the row the other had just upserted — a deadlock during an
 * attack, when it matters — and neither would see the other's failures when ranking.
 */
export async function addToFailingAddresses(db: Db, keys: FailingAddressKey[]): Promise<void> {
  const byDay = new Map<string, FailingAddressKey[]>();
  for (const key of keys) {
    const dayKey = `${key.orgId}|${key.day}`;
    const dayKeys = byDay.get(dayKey) ?? [];
    if (!dayKeys.some((other) => other.ip === key.ip)) dayKeys.push(key);
    byDay.set(dayKey, dayKeys);
  }
  for (const dayKey of [...byDay.keys()].sort()) {
    if (!isSqlite(db)) await sql`select pg_advisory_xact_lock(${RANKING_LOCK_CLASS}, hashtext(${dayKey}))`.execute(db);
    for (const key of byDay.get(dayKey) ?? []) await rankFailingAddress(db, key);
  }
}

/** The first key of the ranking's advisory locks: no other lock of the application uses it. */
const RANKING_LOCK_CLASS = 7_301;

async function rankFailingAddress(db: Db, { orgId, day, ip }: FailingAddressKey): Promise<void> {
  const total = await db
    .selectFrom('daily_failed_sign_ins')
    .select([sql<number>`coalesce(sum(failed), 0)`.as('failed'), sql<number>`max(last_at)`.as('last_at')])
    .where('org_id', '=', orgId)
    .where('day', '=', day)
    .where('ip', '=', ip)
    .executeTakeFirstOrThrow();
  const counts = { failed: Number(total.failed), last_at: Number(total.last_at ?? 0) };
  if (counts.failed === 0) return;
  // An upsert, never a bare insert: two sign-ins failing from one address at once (PostgreSQL)
  // must not collide; counts only grow here, so the larger one is the right one.
  await db
    .insertInto('daily_failing_addresses')
    .values({ org_id: orgId, day, ip, ...counts })
    .onConflict((conflict) =>
      conflict.columns(['org_id', 'day', 'ip']).doUpdateSet({
        failed: sql`case when excluded.failed > daily_failing_addresses.failed then excluded.failed else daily_failing_addresses.failed end`,
        last_at: sql`case when excluded.last_at > daily_failing_addresses.last_at then excluded.last_at else daily_failing_addresses.last_at end`,
      }),
    )
    .execute();
  // Whatever ranks past K goes (one row, or a few when concurrent sign-ins each added one).
  const beyond = await db
    .selectFrom('daily_failing_addresses')
    .select('ip')
    .where('org_id', '=', orgId)
    .where('day', '=', day)
    .orderBy('failed', 'desc')
    .orderBy(ipOrder(db, 'ip'))
    .limit(TOP_ADDRESSES_PER_DAY)
    .offset(TOP_ADDRESSES_PER_DAY)
    .execute();
  if (beyond.length > 0) {
    await db
      .deleteFrom('daily_failing_addresses')
      .where('org_id', '=', orgId)
      .where('day', '=', day)
      .where(
        'ip',
        'in',
        beyond.map((row) => row.ip),
      )
      .execute();
  }
}

/**
 * Recomputes the top K of the given days (every day of the organization when `days` is
 * undefined) from `daily_failed_sign_ins`, inside the caller's transaction: after a rebuild,
 * and after anything that lowers or re-keys those counts (a user's erasure, addresses cut by
 * retention). Idempotent.
 */
export async function recountFailingAddressDays(db: Db, orgId: string, days?: Iterable<string>): Promise<void> {
  if (days === undefined) {
    await db.deleteFrom('daily_failing_addresses').where('org_id', '=', orgId).execute();
    await insertTopAddresses(db, orgId, sql`true`);
    return;
  }
  const list = [...new Set(days)].sort();
  for (let start = 0; start < list.length; start += DAYS_CHUNK) {
    const chunk = list.slice(start, start + DAYS_CHUNK);
    await db.deleteFrom('daily_failing_addresses').where('org_id', '=', orgId).where('day', 'in', chunk).execute();
    await insertTopAddresses(db, orgId, sql`day in (${sql.join(chunk)})`);
  }
}

async function insertTopAddresses(db: Db, orgId: string, daysWhere: RawBuilder<unknown>): Promise<void> {
  await sql`
    insert into daily_failing_addresses (org_id, day, ip, failed, last_at)
    select org_id, day, ip, failed, last_at from (
      select org_id, day, ip, sum(failed) as failed, max(last_at) as last_at,
        row_number() over (partition by day order by sum(failed) desc, ${ipOrder(db, 'ip')}) as place
      from daily_failed_sign_ins
      where org_id = ${orgId} and ${daysWhere}
      group by org_id, day, ip
    ) ranked
    where place <= ${TOP_ADDRESSES_PER_DAY}`.execute(db);
}

/**
 * The range's failing addresses: each address that was in at least one day's top K, with its
 * failures, distinct accounts and latest failure (ms) summed over those days only; the
 * ADDRESSES_SHOWN with the most accounts (then failures) first.
 */
export async function readFailingAddresses(db: Db, orgId: string, range: { from: string; to: string }) {
  const rows = await db
    .selectFrom('daily_failing_addresses as t')
    .innerJoin('daily_failed_sign_ins as f', (join) =>
      join.onRef('f.org_id', '=', 't.org_id').onRef('f.day', '=', 't.day').onRef('f.ip', '=', 't.ip'),
    )
    .select([
      't.ip',
      sql<number>`sum(f.failed)`.as('failed'),
      sql<number>`count(distinct f.user_id)`.as('accounts'),
      sql<number>`max(f.last_at)`.as('last_at'),
    ])
    .where('t.org_id', '=', orgId)
    .where('t.day', '>=', range.from)
    .where('t.day', '<=', range.to)
    .groupBy('t.ip')
    .orderBy(sql`count(distinct f.user_id)`, 'desc')
    .orderBy(sql`sum(f.failed)`, 'desc')
    .orderBy(ipOrder(db, 't.ip'))
    .limit(ADDRESSES_SHOWN)
    .execute();
  return rows.map((row) => ({
    ip: row.ip,
    failed: Number(row.failed),
    accounts: Number(row.accounts),
    lastAt: Number(row.last_at),
  }));
}
