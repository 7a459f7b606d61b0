import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_THROTTLE_LIMITS } from '../../src/server/features/throttle/login-throttle.ts';
import { insertUser, newUserRow } from '../../src/server/features/users/users.repository.ts';
import { REDIS_URL, redisAvailable } from '../helpers/redis.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

/**
 * Hundreds of wrong passwords sent at once, on one account and across many accounts from
 * one address, on SQLite and PostgreSQL, with the throttle in memory and in Redis: the
 * number of password verifications never exceeds the limits (5 per account, 30 per address).
 *
 * Verifications are counted where they happen: every call of verifyPassword and
 * verifyAgainstDummy (the module is wrapped, not replaced: the real argon2id runs). The
 * Activity log must agree: its attempts not marked `throttled` are exactly those verified.
 */
const verifications = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../src/server/features/auth/passwords.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/server/features/auth/passwords.ts')>();
  return {
    ...actual,
    verifyPassword: (hash: string, password: string) => {
      verifications.count += 1;
      return actual.verifyPassword(hash, password);
    },
    verifyAgainstDummy: (password: string) => {
      verifications.count += 1;
      return actual.verifyAgainstDummy(password);
    },
  };
});

const { accountFailures, ipFailures } = DEFAULT_THROTTLE_LIMITS;
const ONE_ACCOUNT_BURST = 300;
const ACCOUNTS = 100;

/** A fresh address per burst: Redis keeps counts between runs and between the database suites. */
const freshIp = () => `10.${[...randomBytes(3)].join('.')}`;

/** `count` active users sharing one password (hashed once), each with their own email. */
async function createAccounts(context: TestContext, count: number): Promise<string[]> {
  const org = await createOrgWithOwner(context, 'Sprayed');
  const db = context.deps.database.db;
  const owner = await db.selectFrom('users').select('password_hash').where('id', '=', org.ownerId).executeTakeFirst();
  const emails = Array.from({ length: count - 1 }, () => uniqueEmail('sprayed'));
  await db.transaction().execute(async (trx) => {
    for (const email of emails) {
      const row = newUserRow({
        orgId: org.orgId,
        email,
        name: email,
        role: 'member',
        passwordHash: owner?.password_hash ?? null,
        now: context.deps.now(),
      });
      await insertUser(trx, row);
    }
  });
  return [org.email, ...emails];
}

interface Burst {
  statuses: number[];
  verified: number;
}

/** Sends every guess at once and waits for all answers; counts the verifications they caused. */
async function burst(send: () => Promise<number>[]): Promise<Burst> {
  verifications.count = 0;
  const statuses = await Promise.all(send());
  return { statuses, verified: verifications.count };
}

const tally = (statuses: number[]) => ({
  rejected: statuses.filter((status) => status === 401).length,
  throttled: statuses.filter((status) => status === 429).length,
});

async function recordedFrom(context: TestContext, ip: string) {
  const rows = await context.deps.database.db
    .selectFrom('sign_in_attempts')
    .select('failure_reason')
    .where('ip', '=', ip)
    .execute();
  const throttled = rows.filter((row) => row.failure_reason === 'throttled').length;
  return { checked: rows.length - throttled, throttled };
}

function attackSuite(ctx: () => TestContext) {
  const inject = (ip: string, email: string) => async () =>
    (
      await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'Winter2026!' },
        remoteAddress: ip,
      })
    ).statusCode;

  it(`verifies ${accountFailures} of ${ONE_ACCOUNT_BURST} simultaneous wrong passwords on one account`, async () => {
    const [email] = await createAccounts(ctx(), 1);
    const ip = freshIp();
    const result = await burst(() => Array.from({ length: ONE_ACCOUNT_BURST }, () => inject(ip, email as string)()));

    expect(result.verified).toBe(accountFailures);
    expect(tally(result.statuses)).toEqual({
      rejected: accountFailures,
      throttled: ONE_ACCOUNT_BURST - accountFailures,
    });
    expect(await recordedFrom(ctx(), ip)).toEqual({
      checked: accountFailures,
      throttled: ONE_ACCOUNT_BURST - accountFailures,
    });
  });

  it(`verifies ${ipFailures} of ${ACCOUNTS} simultaneous guesses on ${ACCOUNTS} accounts from one address`, async () => {
    const emails = await createAccounts(ctx(), ACCOUNTS);
    const ip = freshIp();
    const result = await burst(() => emails.map((email) => inject(ip, email)()));

    expect(result.verified).toBe(ipFailures);
    expect(tally(result.statuses)).toEqual({ rejected: ipFailures, throttled: ACCOUNTS - ipFailures });
    expect(await recordedFrom(ctx(), ip)).toEqual({ checked: ipFailures, throttled: ACCOUNTS - ipFailures });
  });

  it('holds the same limits over real connections to a listening server', async () => {
    const address = await ctx().app.listen({ port: 0, host: '127.0.0.1' });
    // TRUST_PROXY=127.0.0.1 (below): X-Forwarded-For names the attacker's address.
    const post = (ip: string, email: string) => async () =>
      (
        await fetch(`${address}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ email, password: 'Winter2026!' }),
        })
      ).status;

    const [target] = await createAccounts(ctx(), 1);
    const oneAccountIp = freshIp();
    const oneAccount = await burst(() =>
      Array.from({ length: ONE_ACCOUNT_BURST }, () => post(oneAccountIp, target as string)()),
    );
    expect(oneAccount.verified).toBe(accountFailures);
    expect(tally(oneAccount.statuses).throttled).toBe(ONE_ACCOUNT_BURST - accountFailures);

    const emails = await createAccounts(ctx(), ACCOUNTS);
    const sprayIp = freshIp();
    const spray = await burst(() => emails.map((email) => post(sprayIp, email)()));
    expect(spray.verified).toBe(ipFailures);
    expect(tally(spray.statuses).throttled).toBe(ACCOUNTS - ipFailures);
    expect(await recordedFrom(ctx(), sprayIp)).toEqual({ checked: ipFailures, throttled: ACCOUNTS - ipFailures });
  });
}

const config = { TRUST_PROXY: '127.0.0.1' };

describe('parallel password guessing, throttle in memory', () => {
  describeEachDatabase('memory', attackSuite, { config, throttle: DEFAULT_THROTTLE_LIMITS });
});

// Skipped, with a warning printed by helpers/redis.ts, when no Redis answers (a failure under REQUIRE_REDIS=1).
describe.skipIf(!redisAvailable)('parallel password guessing, throttle in Redis', () => {
  describeEachDatabase('redis', attackSuite, { config, throttle: DEFAULT_THROTTLE_LIMITS, redisUrl: REDIS_URL });
});
