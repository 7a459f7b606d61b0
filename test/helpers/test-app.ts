import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import type { AppDeps } from '../../src/server/app-deps.ts';
import { type Config, loadConfig } from '../../src/server/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { openGeoIp } from '../../src/server/features/geo/geoip.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import {
  createLoginThrottle,
  DEFAULT_THROTTLE_LIMITS,
  type ThrottleLimits,
} from '../../src/server/features/throttle/login-throttle.ts';
import { buildApp } from '../../src/server/http/app.ts';
import type { App } from '../../src/server/http/app-types.ts';
import { FIXTURE_ASN_DB, FIXTURE_CITY_DB } from './fixtures.ts';
import { watchContract } from './openapi-contract.ts';
import { createScratchDatabase, postgresAvailable } from './postgres.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface TestContext {
  kind: DatabaseKind;
  app: App;
  deps: AppDeps;
  /**
   * The server's clock: `offsetMs` moves it (tests of expiry and windows use it instead of
   * sleeping); `frozenAtMs` stops it there, so durations measured across requests are exact
   * however slow the machine is. The server's now is (frozenAtMs ?? the real time) + offsetMs.
   */
  clock: { offsetMs: number; frozenAtMs?: number | undefined };
}

export interface TestAppOptions {
  config?: Partial<Record<string, string>>;
  throttle?: ThrottleLimits;
  /** Keep throttle counts in this Redis instead of memory. */
  redisUrl?: string;
}

/**
 * Runs `suite` once per database: SQLite always, PostgreSQL when reachable (mandatory
 * with REQUIRE_POSTGRES=1). Each run gets a fresh migrated database and a real app.
 */
export function describeEachDatabase(
  name: string,
  suite: (context: () => TestContext) => void,
  options: TestAppOptions = {},
) {
  for (const kind of ['sqlite', 'postgres'] as const) {
    const describeIt = kind === 'postgres' && !postgresAvailable ? describe.skip : describe;
    describeIt(`${name} [${kind}]`, () => {
      let context: TestContext | undefined;
      let cleanup: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const created = await createTestContext(kind, options);
        context = created.context;
        cleanup = created.cleanup;
      });
      afterAll(async () => {
        await cleanup?.();
      });
      suite(() => {
        if (!context) throw new Error('test context not ready');
        return context;
      });
    });
  }
}

export async function createTestContext(kind: DatabaseKind, options: TestAppOptions = {}) {
  let dropDatabase: (() => Promise<void>) | undefined;
  let env: Record<string, string | undefined>;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-test-'));
  if (kind === 'postgres') {
    const scratch = await createScratchDatabase();
    dropDatabase = scratch.drop;
    env = { DATABASE_URL: scratch.url };
  } else {
    env = { DATABASE_URL: `sqlite:${path.join(dataDir, 'test.sqlite')}` };
  }
  // Event-loop shedding off unless a test turns it on (test/api/overload.test.ts): many suites share
  // each worker's event loop on a loaded 2-core machine, and a late loop there is not our overload.
  const config: Config = loadConfig({
    DATA_DIR: dataDir,
    DEMO: '0',
    LOG_LEVEL: 'silent',
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...env,
    ...options.config,
  });
  const database: DatabaseHandle = openDatabase(config.database);
  await migrateToLatest(database.db);
  const geo = await openGeoIp({ cityDb: FIXTURE_CITY_DB, asnDb: FIXTURE_ASN_DB });
  const throttle = createLoginThrottle({
    redisUrl: options.redisUrl,
    limits: options.throttle ?? DEFAULT_THROTTLE_LIMITS,
  });
  const clock: TestContext['clock'] = { offsetMs: 0 };
  const deps: AppDeps = {
    config,
    database,
    geo,
    throttle,
    now: () => (clock.frozenAtMs ?? Date.now()) + clock.offsetMs,
  };
  const app = await buildApp(deps, { webDistDir: false });
  // Every answer is checked against the app's OpenAPI document; mismatches fail the file at cleanup.
  const contract = watchContract(app);
  await app.ready();
  return {
    context: { kind, app, deps, clock } satisfies TestContext,
    cleanup: async () => {
      await app.close();
      await throttle.close();
      geo.close();
      await database.close();
      await dropDatabase?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
      const violations = contract.violations();
      if (violations.length > 0) {
        throw new Error(`Answers that do not match the OpenAPI document:\n${violations.join('\n')}`);
      }
    },
  };
}

let counter = 0;
/** A unique email per call, so tests in one database never collide. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}@example.com`;
}

export const OWNER_PASSWORD = 'correct horse battery staple';

/** A new organization with an owner; returns ids and the owner's credentials. */
export async function createOrgWithOwner(context: TestContext, name = 'Acme') {
  const email = uniqueEmail('owner');
  const { organization, ownerId } = await createOrganization(context.deps.database.db, {
    name,
    ownerEmail: email,
    ownerPassword: OWNER_PASSWORD,
    ownerName: `${name} Owner`,
  });
  return { orgId: organization.id, ownerId, email, password: OWNER_PASSWORD };
}
