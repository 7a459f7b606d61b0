import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/database.ts';
import { createLoginThrottle } from '../../src/server/features/throttle/login-throttle.ts';
import { buildApp } from '../../src/server/http/app.ts';
import type { App } from '../../src/server/http/app-types.ts';
import { REDIS_URL, redisAvailable } from '../helpers/redis.ts';
import { createOrgWithOwner, createTestContext, type TestContext } from '../helpers/test-app.ts';

/** Two server processes over one database and one Redis: a lockout earned on one holds on the other. */
describe.skipIf(!redisAvailable)('sign-in throttling shared through Redis', () => {
  let context: TestContext;
  let cleanup: () => Promise<void>;
  let second: App;
  let secondDatabase: DatabaseHandle;
  const limits = { accountFailures: 3, ipFailures: 50, windowSeconds: 60 };
  // Each run gets its own keys' worth of emails, so reruns against one Redis don't interfere.
  const secondThrottle = createLoginThrottle({ redisUrl: REDIS_URL, limits });

  beforeAll(async () => {
    const created = await createTestContext('sqlite', { throttle: limits, redisUrl: REDIS_URL });
    context = created.context;
    cleanup = created.cleanup;
    // Its own connection, like another process: nothing held in memory is shared with the first.
    secondDatabase = openDatabase(context.deps.config.database);
    second = await buildApp(
      { ...context.deps, database: secondDatabase, throttle: secondThrottle },
      { webDistDir: false },
    );
  });
  afterAll(async () => {
    await second?.close();
    await secondDatabase?.close();
    await secondThrottle.close();
    await cleanup?.();
  });

  it('trusts on instance B a browser that signed in on instance A, and counts its failures across both', async () => {
    const org = await createOrgWithOwner(context, `Shared ${randomBytes(3).toString('hex')}`);
    const attempt = (app: App, password: string, remoteAddress: string, cookie?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: org.email, password },
        remoteAddress,
        ...(cookie ? { headers: { cookie } } : {}),
      });
    const first = await attempt(context.app, org.password, '192.0.2.60');
    const device = `sk_device=${first.cookies.find((cookie) => cookie.name === 'sk_device')?.value}`;
    // Strangers lock the account for untrusted clients on A.
    for (let index = 0; index < 3; index++) {
      expect((await attempt(context.app, 'wrong password!', `192.0.2.${70 + index}`)).statusCode).toBe(401);
    }
    expect((await attempt(second, org.password, '192.0.2.60')).statusCode).toBe(429);
    // B, with its own database connection, checks the credential A signed: one key for all processes.
    expect((await attempt(second, org.password, '192.0.2.60', device)).statusCode).toBe(200);
    // The credential's own count is shared too: 3 failures on A, then B refuses it.
    for (let index = 0; index < 3; index++) {
      expect((await attempt(context.app, 'wrong password!', '192.0.2.60', device)).statusCode).toBe(401);
    }
    expect((await attempt(second, org.password, '192.0.2.60', device)).statusCode).toBe(429);
  });

  it('locks the account on instance B after failures on instance A', async () => {
    const org = await createOrgWithOwner(context, `Shared ${randomBytes(3).toString('hex')}`);
    const attempt = (app: App, password: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: org.email, password }, remoteAddress });
    for (let index = 0; index < 3; index++) {
      expect((await attempt(context.app, 'wrong password!', `192.0.2.${index + 1}`)).statusCode).toBe(401);
    }
    const onB = await attempt(second, org.password, '192.0.2.50');
    expect(onB.statusCode).toBe(429);
    expect(Number(onB.headers['retry-after'])).toBeGreaterThan(0);
  });
});
