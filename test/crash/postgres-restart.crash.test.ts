import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { checkDatabase } from './check-database.ts';
import { createCrashWorld, createIngestToken } from './crash-world.ts';
import { type Answer, Ledger, type LoadKind, pause, startLoad } from './load.ts';
import { type PrivatePostgres, privatePostgresUnavailable, startPrivatePostgres } from './private-postgres.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/** After PostgreSQL accepts connections again, the server must answer normally within this many ms. */
const RECOVERY_BOUND_MS = 5000;
/** How long (ms) PostgreSQL stays down while the load goes on. */
const DOWN_MS = 3000;
const KINDS: LoadKind[] = ['sign-in', 'app-sign-in', 'heartbeat', 'ingest'];
/**
 * 503 codes a request may meet while the database is away (docs/resilience.md); `overloaded` too,
 * the load shedding's answer when a busy machine's event loop falls behind (docs/operations.md).
 */
const OUTAGE_CODES = new Set(['database-unavailable', 'database-busy', 'overloaded']);

// A PostgreSQL server of the battery's own (private-postgres.ts): the shared one stays up for every
// other suite. Where none can be made the battery says so loudly and skips, and fails instead under
// REQUIRE_POSTGRES=1 (CI), where it must run.
const unavailable = await privatePostgresUnavailable();
if (unavailable && process.env.REQUIRE_POSTGRES === '1') {
  throw new Error(`REQUIRE_POSTGRES=1 but a private PostgreSQL server cannot be started: ${unavailable}`);
}
if (unavailable) {
  console.warn(`\n⚠️  SKIPPING the PostgreSQL restart battery: ${unavailable}.\n`);
}

interface Probe {
  path: '/readyz' | '/healthz';
  status: number | 'network';
  code: string | undefined;
  retryAfter: string | null;
  at: number;
}

describe.skipIf(Boolean(unavailable))('PostgreSQL restarted under load', () => {
  let postgres: PrivatePostgres | undefined;
  let server: ServerProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-crash-restart-'));

  afterAll(async () => {
    await server?.kill();
    await postgres?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while it is down (never 500), stays up, and recovers within 5 s', async () => {
    postgres = await startPrivatePostgres();
    const url = await createDatabase(postgres.url, 'seatkeeper');
    const setup = openDatabase({ kind: 'postgres', url });
    await migrateToLatest(setup.db);
    const world = await createCrashWorld(setup.db);
    await setup.close();

    server = await startServerProcess({ DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: 'warn' });
    const ingestToken = await createIngestToken(server.url, world.owner);
    const ledger = new Ledger();
    const answers: Answer[] = [];
    const load = startLoad(server.url, world, ledger, {
      kinds: KINDS,
      ingestToken,
      heartbeatSenders: 4,
      onAnswer: (answer) => answers.push(answer),
    });
    const probes: Probe[] = [];
    const probing = probeHealth(server.url, probes);
    await load.firstAnswer;
    await pause(1500);

    const outages: { mode: string; downAt: number; restartAt: number; upAt: number; recoveredAt: number }[] = [];
    // A fast stop (sessions are told 57P01, as in a restart) and an immediate one (as in a crash:
    // sockets cut, crash recovery at the next start).
    for (const mode of ['fast', 'immediate'] as const) {
      await postgres.stop(mode);
      const downAt = Date.now();
      await pause(DOWN_MS);
      const restartAt = Date.now();
      await postgres.start();
      // pg_ctl start -w returns once PostgreSQL accepts connections.
      const upAt = Date.now();
      const recoveredAt = await waitForRecovery(answers, probes, upAt, server);
      outages.push({ mode, downAt, restartAt, upAt, recoveredAt });
      await pause(1500);
    }
    load.stop();
    await load.done;
    probing.stop();
    await probing.done;

    // It never exited, and nothing was left unanswered.
    expect(server.alive()).toBe(true);
    expect(answers.filter((answer) => answer.status === 'network')).toEqual([]);
    expect(probes.filter((probe) => probe.status === 'network')).toEqual([]);
    // Never a 500: a 5xx is a 503 problem with Retry-After and an outage code.
    const failures = answers.filter((answer) => answer.status !== 'network' && answer.status >= 500);
    for (const failure of failures) {
      expect(failure).toMatchObject({ status: 503, contentType: expect.stringContaining('application/problem+json') });
      expect(OUTAGE_CODES.has(failure.code ?? '')).toBe(true);
      expect(Number(failure.retryAfter)).toBeGreaterThan(0);
    }
    for (const outage of outages) {
      // Certainly down: from the stop's return to the start's call.
      const during = (at: number) => at > outage.downAt && at < outage.restartAt;
      // Requests met the outage and were answered 503 database-unavailable.
      expect(answers.some((answer) => during(answer.at) && answer.code === 'database-unavailable')).toBe(true);
      // /readyz said "not ready" while it was down; /healthz said "alive" throughout.
      expect(probes.some((probe) => during(probe.at) && probe.path === '/readyz' && probe.status === 503)).toBe(true);
      expect(probes.filter((probe) => during(probe.at) && probe.path === '/readyz' && probe.status === 200)).toEqual(
        [],
      );
      expect(outage.recoveredAt - outage.upAt).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
    }
    expect(probes.filter((probe) => probe.path === '/healthz' && probe.status !== 200)).toEqual([]);
    expect(ledger.ingestSurprises).toEqual([]);
    console.info(
      `[postgres restart] ${outages
        .map(
          (outage) => `${outage.mode} stop: recovered ${outage.recoveredAt - outage.upAt} ms after PostgreSQL was back`,
        )
        .join('; ')}; answers: ${JSON.stringify(Object.fromEntries([...ledger.answers].sort()))}`,
    );

    // Every event acknowledged before, between and after the outages is stored, once.
    await server.kill();
    const database = openDatabase({ kind: 'postgres', url });
    const findings = await checkDatabase(database, world, ledger).finally(() => database.close());
    expect(findings).toEqual([]);
  });
});

/** The moment (ms) after `since` by which a heartbeat, a sign-in and /readyz have each been answered normally. */
async function waitForRecovery(
  answers: Answer[],
  probes: Probe[],
  since: number,
  server: ServerProcess,
): Promise<number> {
  const deadline = since + 4 * RECOVERY_BOUND_MS;
  while (Date.now() < deadline) {
    if (!server.alive()) throw new Error(`the server exited during the outage:\n${server.output().slice(-3000)}`);
    const firsts = [
      answers.find((answer) => answer.at > since && answer.kind === 'heartbeat' && answer.status === 204)?.at,
      answers.find((answer) => answer.at > since && answer.kind === 'sign-in' && isRecorded(answer))?.at,
      probes.find((probe) => probe.at > since && probe.path === '/readyz' && probe.status === 200)?.at,
    ];
    if (firsts.every((at) => at !== undefined)) return Math.max(...(firsts as number[]));
    await pause(100);
  }
  throw new Error(`no recovery within ${4 * RECOVERY_BOUND_MS} ms of PostgreSQL being back`);
}

const isRecorded = (answer: Answer) => answer.status === 200 || answer.status === 401 || answer.status === 429;

/** Polls /readyz and /healthz every 100 ms until stopped. */
function probeHealth(url: string, probes: Probe[]) {
  let stopped = false;
  const poll = async (pathname: Probe['path']) => {
    while (!stopped) {
      const at = Date.now();
      try {
        const response = await fetch(`${url}${pathname}`, { signal: AbortSignal.timeout(30_000) });
        const body = (await response.json()) as { code?: string };
        probes.push({
          path: pathname,
          status: response.status,
          code: body.code,
          retryAfter: response.headers.get('retry-after'),
          at,
        });
      } catch {
        probes.push({ path: pathname, status: 'network', code: undefined, retryAfter: null, at });
      }
      await pause(100);
    }
  };
  const done = Promise.all([poll('/readyz'), poll('/healthz')]).then(() => undefined);
  return {
    stop: () => {
      stopped = true;
    },
    done,
  };
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
