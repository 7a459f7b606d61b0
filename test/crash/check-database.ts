import { sql } from 'kysely';
import type { DatabaseHandle, Db } from '../../src/server/db/database.ts';
import { AGGREGATE_TABLES, rebuildReportAggregates } from '../../src/server/features/report-aggregates/index.ts';
import { hashToken } from '../../src/server/lib/secure-token.ts';
import type { CrashWorld } from './crash-world.ts';
import { type Ledger, PROBE_PATTERN } from './load.ts';

/**
 * What a database must show after a crash, with no server running on it; each finding is one
 * sentence (an empty list: all holds).
 * - every acknowledged sign-in attempt (console or app) stored exactly once, any other at most once;
 * - every acknowledged app session stored, its last heartbeat no earlier than the last acknowledged one was sent;
 * - every acknowledged ingested event stored exactly once; any other stored with its key or not at all;
 * - the reports' aggregates equal a recount of the raw events (rebuilt inside a transaction that is rolled back);
 * - the seat counters equal the rows they count;
 * - the database's own integrity check (SQLite: integrity_check, foreign_key_check; PostgreSQL: amcheck on every B-tree).
 */
export async function checkDatabase(database: DatabaseHandle, world: CrashWorld, ledger: Ledger): Promise<string[]> {
  const findings: string[] = [];
  const { db } = database;
  findings.push(...(await checkIntegrity(database)));
  findings.push(...(await checkSignIns(db, world, ledger)));
  findings.push(...(await checkSessions(db, world, ledger)));
  findings.push(...(await checkSeatCounters(db, world)));
  findings.push(...(await checkAggregates(db, world)));
  return findings;
}

async function checkIntegrity(database: DatabaseHandle): Promise<string[]> {
  const { db } = database;
  if (database.kind === 'sqlite') {
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    const foreignKeys = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db);
    return [
      ...integrity.rows
        .filter((row) => row.integrity_check !== 'ok')
        .map((row) => `integrity_check: ${row.integrity_check}`),
      ...foreignKeys.rows.map((row) => `foreign_key_check: ${JSON.stringify(row)}`),
    ];
  }
  await sql`create extension if not exists amcheck`.execute(db);
  const indexes = await sql<{ name: string }>`
    select c.relname as name from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_am a on a.oid = c.relam
    where n.nspname = 'public' and a.amname = 'btree'`.execute(db);
  const findings: string[] = [];
  for (const { name } of indexes.rows) {
    try {
      // heapallindexed: every row of the table is found in the index, not only the index's own order.
      await sql`select bt_index_check(${sql.lit(name)}::regclass, true)`.execute(db);
    } catch (error) {
      findings.push(`amcheck ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return findings;
}

async function checkSignIns(db: Db, world: CrashWorld, ledger: Ledger): Promise<string[]> {
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select(['user_agent', (eb) => eb.fn.countAll<number>().as('count')])
    .where('org_id', '=', world.orgId)
    .where('user_agent', 'like', '%crash-probe/%')
    .groupBy('user_agent')
    .execute();
  const stored = new Map<string, number>();
  for (const row of rows) {
    const probe = PROBE_PATTERN.exec(row.user_agent ?? '')?.[1];
    if (probe) stored.set(probe, Number(row.count));
  }
  const keys = new Set(
    (await db.selectFrom('ingested_events').select('idempotency_key').where('org_id', '=', world.orgId).execute()).map(
      (row) => row.idempotency_key,
    ),
  );
  const findings: string[] = [];
  for (const [id, state] of ledger.signIns) {
    const count = stored.get(id) ?? 0;
    if (state === 'acked' && count !== 1) findings.push(`acknowledged sign-in ${id} stored ${count} times`);
    if (state === 'sent' && count > 1) findings.push(`unanswered sign-in ${id} stored ${count} times`);
  }
  for (const [key, state] of ledger.events) {
    const count = stored.get(key) ?? 0;
    if (state === 'acked' && (count !== 1 || !keys.has(key))) {
      findings.push(`acknowledged event ${key} stored ${count} times, key ${keys.has(key) ? 'kept' : 'missing'}`);
    }
    // Unanswered: all or nothing — the attempt and its key commit together.
    if (state === 'sent' && (count > 1 || (count === 1) !== keys.has(key))) {
      findings.push(`unanswered event ${key} stored ${count} times, key ${keys.has(key) ? 'kept' : 'missing'}`);
    }
  }
  return findings;
}

async function checkSessions(db: Db, world: CrashWorld, ledger: Ledger): Promise<string[]> {
  const rows = await db
    .selectFrom('app_sessions')
    .select(['token_hash', 'last_heartbeat_at'])
    .where('org_id', '=', world.orgId)
    .execute();
  const byHash = new Map(rows.map((row) => [row.token_hash, Number(row.last_heartbeat_at)]));
  const findings: string[] = [];
  for (const [token, lastAckedSentAt] of ledger.sessions) {
    const last = byHash.get(hashToken(token));
    if (last === undefined) findings.push(`acknowledged app session ${token.slice(0, 8)}… missing`);
    else if (last < lastAckedSentAt) {
      findings.push(
        `app session ${token.slice(0, 8)}…: last heartbeat ${last} before one acknowledged at ${lastAckedSentAt}`,
      );
    }
  }
  return findings;
}

/** subscriptions.leased/borrowed/assigned against the live rows; open floating sessions against their leases. */
async function checkSeatCounters(db: Db, world: CrashWorld): Promise<string[]> {
  const findings: string[] = [];
  const subscriptions = await db
    .selectFrom('subscriptions')
    .select(['id', 'leased', 'borrowed', 'assigned', 'kind'])
    .where('org_id', '=', world.orgId)
    .execute();
  for (const subscription of subscriptions) {
    const leases = await db
      .selectFrom('seat_leases')
      .select(['app_session_id', 'borrowed_until'])
      .where('subscription_id', '=', subscription.id)
      .where('released_at', 'is', null)
      .execute();
    const held = await db
      .selectFrom('seat_assignments')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('subscription_id', '=', subscription.id)
      .where('unassigned_at', 'is', null)
      .executeTakeFirstOrThrow();
    const borrowed = leases.filter((lease) => lease.borrowed_until !== null).length;
    if (Number(subscription.leased) !== leases.length) {
      findings.push(`subscription ${subscription.id}: leased ${subscription.leased}, live leases ${leases.length}`);
    }
    if (Number(subscription.borrowed) !== borrowed) {
      findings.push(
        `subscription ${subscription.id}: borrowed ${subscription.borrowed}, live borrowed leases ${borrowed}`,
      );
    }
    if (Number(subscription.assigned) !== Number(held.count)) {
      findings.push(`subscription ${subscription.id}: assigned ${subscription.assigned}, seats held ${held.count}`);
    }
    if (subscription.kind !== 'floating') continue;
    const open = await db
      .selectFrom('app_sessions')
      .select('id')
      .where('subscription_id', '=', subscription.id)
      .where('ended_at', 'is', null)
      .execute();
    const leased = new Set(leases.map((lease) => lease.app_session_id));
    const openIds = new Set(open.map((session) => Number(session.id)));
    for (const session of open) {
      if (!leased.has(session.id)) findings.push(`open floating session ${session.id} holds no live lease`);
    }
    for (const lease of leases) {
      if (
        lease.borrowed_until === null &&
        (lease.app_session_id === null || !openIds.has(Number(lease.app_session_id)))
      ) {
        findings.push(`online lease of session ${lease.app_session_id} outlives its session`);
      }
    }
  }
  return findings;
}

/** Marks the transaction of a recount to be rolled back once its tables are read. */
class RollBack extends Error {}

/**
 * The aggregates as stored against the same tables recounted from the raw events
 * (rebuildReportAggregates, the catch-up job) in a transaction that is then rolled back.
 */
async function checkAggregates(db: Db, world: CrashWorld): Promise<string[]> {
  const stored = await snapshotAggregates(db, world.orgId);
  let recounted: Map<string, string[]> | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      await rebuildReportAggregates(trx, world.orgId);
      recounted = await snapshotAggregates(trx, world.orgId);
      throw new RollBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
  const findings: string[] = [];
  for (const table of AGGREGATE_TABLES) {
    const mine = stored.get(table) ?? [];
    const fresh = new Set(recounted?.get(table) ?? []);
    const kept = new Set(mine);
    const extra = mine.filter((row) => !fresh.has(row));
    const missing = [...fresh].filter((row) => !kept.has(row));
    if (extra.length > 0 || missing.length > 0) {
      findings.push(
        `${table}: ${extra.length} stored rows the recount lacks (e.g. ${extra[0] ?? '-'}), ` +
          `${missing.length} recounted rows not stored (e.g. ${missing[0] ?? '-'})`,
      );
    }
  }
  return findings;
}

async function snapshotAggregates(db: Db, orgId: string): Promise<Map<string, string[]>> {
  const tables = new Map<string, string[]>();
  for (const table of AGGREGATE_TABLES) {
    const rows = await db.selectFrom(table).selectAll().where('org_id', '=', orgId).execute();
    tables.set(table, rows.map((row) => stableJson(row as Record<string, unknown>)).sort());
  }
  return tables;
}

function stableJson(row: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((key) => [key, row[key]]),
  );
}
