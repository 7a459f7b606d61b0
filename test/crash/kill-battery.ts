import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { createScratchDatabase, postgresAvailable } from '../helpers/postgres.ts';
import { checkDatabase } from './check-database.ts';
import { createCrashWorld, createIngestToken } from './crash-world.ts';
import { Ledger, type LoadKind, pause, startLoad } from './load.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/** Kills per database (CRASH_KILLS to change it; docs/resilience.md). */
export const KILLS = Number(process.env.CRASH_KILLS ?? 20);
/** The load runs this long (ms, uniformly at random) before the kill: the moment is random, the load steady. */
const LOAD_MS = { min: 200, max: 2500 };
/** Longest wait (ms) for a fresh server to answer every kind of load once before the random moment starts anyway. */
const FIRST_ANSWER_BOUND_MS = 30_000;
const KINDS: LoadKind[] = ['sign-in', 'app-sign-in', 'heartbeat', 'ingest'];

/**
 * The kill -9 battery on one database (a SQLite folder, or a scratch database on the shared
 * PostgreSQL server): start the real server, load it, kill it at a random moment, check the
 * database with no server on it (check-database.ts), start it again on the same data; KILLS times.
 * One file per database, so the two run side by side on two cores.
 */
export function describeKillBattery(target: { kind: 'sqlite' | 'postgres' }): void {
  const run = target.kind === 'sqlite' || postgresAvailable;
  describe.skipIf(!run)(`kill -9 under load [${target.kind}]`, () => {
    it(`keeps every acknowledged event, exactly once, through ${KILLS} kills`, async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-crash-'));
      const scratch = target.kind === 'postgres' ? await createScratchDatabase() : undefined;
      const env = { DATA_DIR: dataDir, ...(scratch ? { DATABASE_URL: scratch.url } : {}) };
      const config = loadConfig(env);
      const setup = openDatabase(config.database);
      await migrateToLatest(setup.db);
      const world = await createCrashWorld(setup.db);
      await setup.close();
      const ledger = new Ledger();
      let server: ServerProcess | undefined;
      const started = Date.now();
      try {
        let ingestToken: string | undefined;
        for (let cycle = 1; cycle <= KILLS; cycle++) {
          const startAt = Date.now();
          server = await startServerProcess(env);
          const startMs = Date.now() - startAt;
          ingestToken ??= await createIngestToken(server.url, world.owner);
          const load = startLoad(server.url, world, ledger, { kinds: KINDS, ingestToken });
          // A fresh process answers its first requests slowly (cold code, argon2's first hash): the
          // random moment is counted from the first answer to every kind of load, so every cycle
          // kills a server with each kind in flight.
          await Promise.race([load.everyKind, pause(FIRST_ANSWER_BOUND_MS)]);
          const loadMs = LOAD_MS.min + Math.floor(Math.random() * (LOAD_MS.max - LOAD_MS.min));
          await pause(loadMs);
          await server.kill();
          server = undefined;
          load.stop();
          await load.done;

          const checkAt = Date.now();
          const database = openDatabase(config.database);
          const findings = await checkDatabase(database, world, ledger).finally(() => database.close());
          expect({ cycle, findings }).toEqual({ cycle, findings: [] });
          expect(ledger.ingestSurprises).toEqual([]);
          const acked = ledger.acknowledged();
          console.info(
            `[${target.kind}] kill ${cycle}/${KILLS} after ${loadMs} ms of load (start ${startMs} ms, ` +
              `check ${Date.now() - checkAt} ms): acknowledged so far ` +
              `${acked.signIns} sign-ins, ${acked.sessions} app sessions, ${acked.heartbeats} heartbeats, ` +
              `${acked.events} ingested events — all stored once ${JSON.stringify(Object.fromEntries(ledger.answers))}`,
          );
        }
        // Every kind of load was acknowledged at least once, or the battery proved nothing about it.
        const acked = ledger.acknowledged();
        expect(acked.signIns).toBeGreaterThan(0);
        expect(acked.sessions).toBeGreaterThan(0);
        expect(acked.heartbeats).toBeGreaterThan(0);
        expect(acked.events).toBeGreaterThan(0);
        console.info(
          `[${target.kind}] ${KILLS} kills in ${Math.round((Date.now() - started) / 1000)} s; answers: ` +
            JSON.stringify(Object.fromEntries([...ledger.answers].sort())),
        );
      } finally {
        await server?.kill();
        await scratch?.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      // Each cycle: a start (seconds on a busy machine), up to 2.5 s of load, the checks.
    }, 900_000);
  });
}
