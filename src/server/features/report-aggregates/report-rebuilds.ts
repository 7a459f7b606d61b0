import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { isSqlite } from '../../db/dialect.ts';
import type { ReportRebuildRow } from '../../db/schema.ts';
import type { Progress } from '../../lib/progress.ts';
import { recountFailingAddressDays } from './failing-addresses.ts';
import { readTimeZone } from './read-user-events.ts';
import { recountUsers } from './recount-users.ts';

/**
 * The report rebuild (a changed time zone, `rebuild-reports`) in the background: users are
 * recounted in short transactions of at most BATCH.attempts attempts or BATCH.ms ms (a user is
 * never split), then the connection is left to the requests for as long again (BATCH.share:
 * the rebuild's share of the time, 0.5), so sign-ins — several queries each, every one of
 * which would otherwise wait for a batch — are answered meanwhile. The state lives in `report_rebuilds` (every process sees it); each
 * batch locks that row, reads the cursor (last user recounted), recounts the next users and
 * moves the cursor in the same transaction: a process that dies loses at most an uncommitted
 * batch, and the next one resumes at the cursor (at start, or when GET /organization finds
 * it stale). Requesting a rebuild while one runs resets the cursor: the running worker starts
 * over with the new zone at its next batch; there is never a second worker for an
 * organization in one process, and batches of workers in different processes queue on the row.
 */
export const BATCH = { attempts: 2000, ms: 20, users: 200, share: 0.5 };
/**
 * Test hooks (never set in production): told when a batch starts and ends, and awaited between
 * batches, so a test can hold a rebuild mid-way and see what is answered meanwhile.
 */
export const rebuildHooks: {
  batch?: (orgId: string, phase: 'start' | 'end') => void;
  between?: (orgId: string) => Promise<void>;
} = {};
/** A running rebuild whose latest batch is older than this has lost its process. */
export const STALE_MS = 60_000;

export interface ReportRebuildState {
  status: 'running' | 'done' | 'failed';
  timeZone: string;
  /** Users recounted so far, of `total`. */
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface RebuildOptions {
  /** Per batch (defaults: BATCH). */
  batch?: { attempts: number; ms: number; users?: number; share?: number };
  /** A terminal progress bar (the CLI), given the users' count. */
  progress?: (total: number) => Progress;
  /** Called after each committed batch (tests observe the batches). */
  onBatch?: (state: ReportRebuildRow) => void | Promise<void>;
  /** Reports a failure of a background rebuild (the route's logger). */
  onError?: (error: unknown) => void;
  now?: () => number;
}

/**
 * Marks the organization's aggregates for a rebuild, inside the caller's transaction (the one
 * that changes the zone, so the zone and the mark commit together): status running, from the
 * first user. Start the worker (startReportRebuild) after the commit.
 */
export async function requestReportRebuild(trx: Db, orgId: string, now: number): Promise<void> {
  const timeZone = await readTimeZone(trx, orgId);
  const users = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  const row = {
    status: 'running' as const,
    time_zone: timeZone,
    cursor: null,
    users_done: 0,
    users_total: Number(users.count),
    started_at: now,
    updated_at: now,
    finished_at: null,
    error: null,
  };
  await trx
    .insertInto('report_rebuilds')
    .values({ org_id: orgId, ...row })
    .onConflict((conflict) => conflict.column('org_id').doUpdateSet(row))
    .execute();
}

/** The organization's latest rebuild, or null when it never had one. */
export async function readReportRebuild(db: Db, orgId: string): Promise<ReportRebuildState | null> {
  const row = await db.selectFrom('report_rebuilds').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  return row ? stateOf(row) : null;
}

/** True while the organization's reports are not fully counted (a rebuild running, or one that failed). */
export async function isRecounting(db: Db, orgId: string): Promise<boolean> {
  const row = await db.selectFrom('report_rebuilds').select('status').where('org_id', '=', orgId).executeTakeFirst();
  return row !== undefined && row.status !== 'done';
}

function stateOf(row: ReportRebuildRow): ReportRebuildState {
  return {
    status: row.status,
    timeZone: row.time_zone,
    done: Number(row.users_done),
    total: Math.max(Number(row.users_total), Number(row.users_done)),
    startedAt: new Date(Number(row.started_at)).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(Number(row.finished_at)).toISOString(),
    error: row.error,
  };
}

interface Worker {
  /** A request arrived since the worker last found nothing to do: look again before leaving. */
  again: boolean;
  stopping: boolean;
  done: Promise<void>;
}

/** The workers of this process, per database and organization. */
const workers = new WeakMap<Db, Map<string, Worker>>();

function workersOf(db: Db): Map<string, Worker> {
  let map = workers.get(db);
  if (!map) {
    map = new Map();
    workers.set(db, map);
  }
  return map;
}

/**
 * Starts the organization's rebuild in the background (marked by requestReportRebuild), or —
 * when this process already runs it — tells that worker to look again. Never throws; the
 * promise settles when the worker stops.
 */
export function startReportRebuild(db: Db, orgId: string, options: RebuildOptions = {}): Promise<void> {
  const map = workersOf(db);
  const running = map.get(orgId);
  if (running) {
    running.again = true;
    return running.done;
  }
  const worker: Worker = { again: false, stopping: false, done: Promise.resolve() };
  worker.done = (async () => {
    // Not inside the caller's request: the first batch waits for the next turn of the loop.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      do {
        worker.again = false;
        await runBatches(db, orgId, worker, options);
      } while (worker.again && !worker.stopping);
    } catch (error) {
      options.onError?.(error);
    } finally {
      map.delete(orgId);
    }
  })();
  map.set(orgId, worker);
  return worker.done;
}

/** True when this process runs the organization's rebuild. */
export function isRebuildRunningHere(db: Db, orgId: string): boolean {
  return workersOf(db).has(orgId);
}

/**
 * Runs the organization's marked rebuild to its end in the caller (the CLI, with a progress
 * bar); answers the users and attempts recounted.
 */
export async function runReportRebuild(
  db: Db,
  orgId: string,
  options: RebuildOptions = {},
): Promise<{ users: number; attempts: number }> {
  return runBatches(db, orgId, { again: false, stopping: false, done: Promise.resolve() }, options);
}

/** Stops this process's workers after their current batch (the app closing); the rows stay `running`. */
export async function stopReportRebuilds(db: Db): Promise<void> {
  const map = workersOf(db);
  for (const worker of map.values()) worker.stopping = true;
  await Promise.all([...map.values()].map((worker) => worker.done));
}

/**
 * Resumes the rebuilds left running (a process stopped or died mid-way), from their cursor;
 * with `onlyStale`, only those no process has advanced for STALE_MS.
 */
export async function resumeReportRebuilds(
  db: Db,
  options: RebuildOptions & { onlyStale?: boolean; orgId?: string } = {},
): Promise<number> {
  const now = options.now?.() ?? Date.now();
  let query = db.selectFrom('report_rebuilds').select('org_id').where('status', '=', 'running');
  if (options.onlyStale) query = query.where('updated_at', '<', now - STALE_MS);
  if (options.orgId) query = query.where('org_id', '=', options.orgId);
  const rows = await query.execute();
  for (const row of rows) {
    if (!isRebuildRunningHere(db, row.org_id)) void startReportRebuild(db, row.org_id, options);
  }
  return rows.length;
}

const RETRIES = 3;

async function runBatches(
  db: Db,
  orgId: string,
  worker: Worker,
  options: RebuildOptions,
): Promise<{ users: number; attempts: number }> {
  const batch = { ...BATCH, ...options.batch };
  const now = options.now ?? Date.now;
  let bar: Progress | undefined;
  let users = 0;
  let attempts = 0;
  let failures = 0;
  while (!worker.stopping) {
    let outcome: { state: ReportRebuildRow | undefined; users: number; attempts: number };
    const batchStarted = performance.now();
    try {
      rebuildHooks.batch?.(orgId, 'start');
      try {
        outcome = await db.transaction().execute((trx) => runBatch(trx, orgId, batch, now));
      } finally {
        rebuildHooks.batch?.(orgId, 'end');
      }
      failures = 0;
    } catch (error) {
      // A deadlock or a busy database: the batch rolled back whole; try it again, then give up.
      if (++failures < RETRIES) {
        await new Promise((resolve) => setTimeout(resolve, 50 * failures));
        continue;
      }
      await db
        .updateTable('report_rebuilds')
        .set({ status: 'failed', error: String(error instanceof Error ? error.message : error), finished_at: now() })
        .where('org_id', '=', orgId)
        .where('status', '=', 'running')
        .execute();
      throw error;
    }
    const { state } = outcome;
    if (!state) break;
    if (options.progress && !bar) bar = options.progress(Number(state.users_total));
    bar?.increment(outcome.users);
    users += outcome.users;
    attempts += outcome.attempts;
    await options.onBatch?.(state);
    if (state.status !== 'running') break;
    // Let the requests that queued meanwhile run before the next batch takes the connection.
    const rest = ((performance.now() - batchStarted) * (1 - batch.share)) / batch.share;
    await new Promise((resolve) => (rest >= 1 ? setTimeout(resolve, rest) : setImmediate(resolve)));
    await rebuildHooks.between?.(orgId);
  }
  bar?.stop();
  return { users, attempts };
}

/** One batch: lock the state, recount the users after the cursor, move it (or finish). */
async function runBatch(
  trx: Db,
  orgId: string,
  batch: { attempts: number; ms: number; users: number },
  now: () => number,
): Promise<{ state: ReportRebuildRow | undefined; users: number; attempts: number }> {
  const lock = isSqlite(trx) ? sql`` : sql` for update`;
  const { rows } = await sql<ReportRebuildRow>`select * from report_rebuilds where org_id = ${orgId}${lock}`.execute(
    trx,
  );
  const row = rows[0];
  if (row?.status !== 'running') return { state: undefined, users: 0, attempts: 0 };
  let query = trx.selectFrom('users').select('id').where('org_id', '=', orgId).orderBy('id').limit(batch.users);
  if (row.cursor !== null) query = query.where('id', '>', row.cursor);
  const ids = (await query.execute()).map((user) => user.id);
  if (ids.length === 0) {
    // The batches recounted the per-address failures user by user; each day's top addresses
    // are ranked once all of them are in (until then the table may name last zone's days).
    await recountFailingAddressDays(trx, orgId);
    const finished = { status: 'done' as const, updated_at: now(), finished_at: now() };
    await trx.updateTable('report_rebuilds').set(finished).where('org_id', '=', orgId).execute();
    return { state: { ...row, ...finished }, users: 0, attempts: 0 };
  }
  const counted = await recountUsers(trx, orgId, ids, batch);
  const moved = {
    cursor: ids[counted.users - 1] ?? row.cursor,
    users_done: Number(row.users_done) + counted.users,
    updated_at: now(),
  };
  await trx.updateTable('report_rebuilds').set(moved).where('org_id', '=', orgId).execute();
  return { state: { ...row, ...moved }, ...counted };
}
