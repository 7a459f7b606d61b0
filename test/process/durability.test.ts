import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import type { Db } from '../../src/server/db/database.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { insertAssignment } from '../../src/server/features/licenses/seat-assignments.repository.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { reserveSeat } from '../../src/server/features/subscriptions/subscriptions.repository.ts';
import { hashToken } from '../../src/server/lib/secure-token.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { createScratchDatabase, postgresAvailable } from '../helpers/postgres.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const children: ChildProcess[] = [];

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

const targets = [
  { kind: 'sqlite', run: true },
  { kind: 'postgres', run: postgresAvailable },
] as const;

for (const target of targets) {
  describe.skipIf(!target.run)(`a killed server loses no acknowledged sign-in [${target.kind}]`, () => {
    it('keeps every answered sign-in and heartbeat after SIGKILL, and exits cleanly on SIGTERM', async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-kill-'));
      const scratch = target.kind === 'postgres' ? await createScratchDatabase() : undefined;
      const env = { DATA_DIR: dataDir, ...(scratch ? { DATABASE_URL: scratch.url } : {}) };
      const config = loadConfig(env);
      const setup = openDatabase(config.database);
      await migrateToLatest(setup.db);
      const { organization, ownerId } = await createOrganization(setup.db, {
        name: 'Durable',
        ownerEmail: 'durable@example.com',
        ownerPassword: 'keeps every row safe',
      });
      await giveSeat(setup.db, organization.id, ownerId);
      await setup.close();
      try {
        const { child, url } = await startServerProcess(env, children);
        const attempts = 12;
        let acknowledged = 0;
        for (let index = 0; index < attempts; index++) {
          const response = await fetch(`${url}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              email: 'durable@example.com',
              password: index % 3 === 0 ? 'keeps every row safe' : 'wrong password',
            }),
          });
          if (response.status === 200 || response.status === 401) acknowledged++;
        }
        const { heartbeatsSentAfter, sessionToken } = await heartbeatInWaves(url);
        const killed = exited(child);
        child.kill('SIGKILL');
        expect((await killed).signal).toBe('SIGKILL');

        const reopened = openDatabase(config.database);
        const rows = await reopened.db
          .selectFrom('sign_in_attempts')
          .select(['outcome'])
          .where('email', '=', 'durable@example.com')
          .execute();
        await reopened.close();
        expect(acknowledged).toBe(attempts);
        // The console attempts, and the app's own sign-in.
        expect(rows).toHaveLength(attempts + 1);
        expect(rows.filter((row) => row.outcome === 'success')).toHaveLength(5);
        // Every heartbeat was answered 204 only after its group's commit: the last wave is on disk.
        const sessions = await reopenedSessions(config, sessionToken);
        expect(sessions.last_heartbeat_at).toBeGreaterThanOrEqual(heartbeatsSentAfter);

        const again = await startServerProcess(env, children);
        expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
        const stopped = exited(again.child);
        again.child.kill('SIGTERM');
        expect((await stopped).code).toBe(0);
      } finally {
        await scratch?.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      // Two server starts (migrations on a new database each) and a drain: ~16 s alone on PostgreSQL,
      // more beside the rest of the suite on two cores.
    }, 90_000);
  });
}

/** A 'durable' product and a seat of it for the owner, written before the server starts. */
async function giveSeat(db: Db, orgId: string, userId: string) {
  await addProduct(db, { key: 'durable', name: 'Durable app' });
  const subscription = await addSubscription(db, {
    orgId,
    productKey: 'durable',
    seats: 1,
    startsAt: Date.now() - DAY_MS,
    expiresAt: Date.now() + DAY_MS,
  });
  await reserveSeat(db, orgId, subscription.id, Date.now());
  await insertAssignment(db, { orgId, subscriptionId: subscription.id, userId, assignedBy: null, now: Date.now() });
}

/** Starts an app session, then sends two waves of 20 concurrent heartbeats; every one must be answered 204. */
async function heartbeatInWaves(url: string) {
  const started = await fetch(`${url}/api/v1/app/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'durable@example.com',
      password: 'keeps every row safe',
      app: { key: 'durable', version: '1.0' },
      device: { id: 'd-1', name: 'Durable box', os: 'Linux', osVersion: '6.1' },
    }),
  });
  expect(started.status).toBe(201);
  const { sessionToken } = (await started.json()) as { sessionToken: string };
  const wave = async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${url}/api/v1/app/sessions/current/heartbeat`, {
          method: 'POST',
          headers: { authorization: `Bearer ${sessionToken}` },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(204));
  };
  await wave();
  const heartbeatsSentAfter = Date.now();
  await wave();
  return { heartbeatsSentAfter, sessionToken };
}

async function reopenedSessions(config: ReturnType<typeof loadConfig>, token: string) {
  const database = openDatabase(config.database);
  try {
    return await database.db
      .selectFrom('app_sessions')
      .select(['last_heartbeat_at'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirstOrThrow();
  } finally {
    await database.close();
  }
}
