import fs from 'node:fs';
import { expect, it } from 'vitest';
import { closeSilentSessions } from '../../src/server/features/app-sessions/close-sessions.ts';
import { hashPassword } from '../../src/server/features/auth/passwords.ts';
import {
  assignSeat,
  createMember,
  createSubscription,
  DEVICE,
  heartbeat,
  MEMBER_PASSWORD,
  startAppSession,
} from '../helpers/licenses.ts';
import { as, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const MINUTE = 60_000;

/** The JSON example of docs/floating-seats.md whose `type` (or problem `code`) is `name`. */
function documented(name: string): unknown {
  const guide = fs.readFileSync(new URL('../../docs/floating-seats.md', import.meta.url), 'utf8');
  const blocks = [...guide.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1] ?? 'null'));
  return blocks.find((block) => block.type === name || block.code === name);
}

/**
 * An organization with a floating pool of `seats` for a new product. The pool is made by setting the kind on
 * the subscription's row (the operator's `add-subscription --kind floating` does the same through the CLI).
 */
async function orgWithPool(context: TestContext, seats: number, rules: { leaseWindowS?: number } = {}) {
  const org = await createOrgWithOwner(context);
  const owner = await signIn(context.app, org.email, org.password);
  const subscription = await createSubscription(context, org.orgId, { seats, name: 'Vectorworks Design' });
  await context.deps.database.db
    .updateTable('subscriptions')
    .set({ kind: 'floating', lease_window_s: rules.leaseWindowS ?? 600 })
    .where('id', '=', subscription.subscriptionId)
    .execute();
  return { org, owner, ...subscription };
}

/** `count` active members who can sign in with MEMBER_PASSWORD, written at once (one password hash for all). */
async function addMembers(context: TestContext, orgId: string, count: number) {
  const hash = await hashPassword(MEMBER_PASSWORD);
  const now = context.deps.now();
  const rows = Array.from({ length: count }, (_, index) => {
    const email = `pool-${orgId.slice(0, 8)}-${index}@example.com`;
    return {
      id: `pool-${orgId}-${index}`,
      org_id: orgId,
      email,
      email_normalized: email,
      name: `Pool member ${index}`,
      role: 'member' as const,
      status: 'active' as const,
      password_hash: hash,
      created_at: now,
      updated_at: now,
    };
  });
  for (let start = 0; start < rows.length; start += 100) {
    await context.deps.database.db
      .insertInto('users')
      .values(rows.slice(start, start + 100))
      .execute();
  }
  return rows.map((row) => ({ id: row.id, email: row.email }));
}

/**
 * Sign-ins in flight at once. PostgreSQL runs at most 10 of their transactions at a time (the pool), SQLite
 * one, so the race for the last seats is the same with 50 in flight as with 200; more would only make the
 * last ones wait past the 30 s request deadline on a busy test machine (every sign-in verifies an argon2 hash).
 */
const SIGN_INS_IN_FLIGHT = 50;

/** `task` over `items`, `width` at a time, answers in the items' order. */
async function inParallel<T, R>(items: T[], width: number, task: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index] as T, index);
      }
    }),
  );
  return results;
}

const deviceOf = (index: number) => ({ ...DEVICE, id: `machine-${index}`, name: `Workstation ${index}` });

async function poolCounts(context: TestContext, subscriptionId: string) {
  const db = context.deps.database.db;
  const subscription = await db
    .selectFrom('subscriptions')
    .select(['leased', 'borrowed'])
    .where('id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
  const live = await db
    .selectFrom('seat_leases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('subscription_id', '=', subscriptionId)
    .where('released_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { leased: Number(subscription.leased), borrowed: Number(subscription.borrowed), live: Number(live.count) };
}

async function denialsOf(context: TestContext, orgId: string) {
  return context.deps.database.db
    .selectFrom('seat_denials')
    .select(['id', 'user_id', 'reason', 'outcome', 'subscription_id', 'device_id'])
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
}

describeEachDatabase('floating seats', (ctx) => {
  it('lends a pool of 7 to exactly 7 of 200 people signing in at once; the others get 403 pool-full with Retry-After', async () => {
    const { org, productKey, subscriptionId } = await orgWithPool(ctx(), 7);
    const members = await addMembers(ctx(), org.orgId, 200);
    const answers = await inParallel(members, SIGN_INS_IN_FLIGHT, (member, index) =>
      startAppSession(
        ctx(),
        { email: member.email, password: MEMBER_PASSWORD, appKey: productKey, device: deviceOf(index) },
        // Each from an address of its own, as 200 offices would be (one address failing on many accounts is an attack).
        `81.2.69.${index + 1}`,
      ),
    );
    const unexpected = answers.find((answer) => answer.statusCode !== 201 && answer.statusCode !== 403);
    expect(unexpected?.body).toBeUndefined();
    const seated = answers.filter((answer) => answer.statusCode === 201);
    const refused = answers.filter((answer) => answer.statusCode === 403);
    expect(seated).toHaveLength(7);
    expect(refused).toHaveLength(193);
    for (const answer of refused) {
      const problem = answer.json();
      expect(problem).toMatchObject({ status: 403, code: 'pool-full', denialId: expect.any(String) });
      const retryAfter = Number(answer.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(15);
      expect(retryAfter).toBeLessThanOrEqual(600);
      expect(problem.retryAfterSeconds).toBe(retryAfter);
    }
    expect(await poolCounts(ctx(), subscriptionId)).toEqual({ leased: 7, borrowed: 0, live: 7 });
    const denials = await denialsOf(ctx(), org.orgId);
    expect(denials).toHaveLength(193);
    expect(new Set(denials.map((denial) => denial.reason))).toEqual(new Set(['pool_full']));
    expect(new Set(denials.map((denial) => denial.subscription_id))).toEqual(new Set([subscriptionId]));
    expect(new Set(refused.map((answer) => answer.json().denialId))).toEqual(
      new Set(denials.map((denial) => String(denial.id))),
    );
    // Every refusal is a recorded failed sign-in of its user, with the reason.
    const failures = await ctx()
      .deps.database.db.selectFrom('sign_in_attempts')
      .select(['failure_reason'])
      .where('org_id', '=', org.orgId)
      .where('outcome', '=', 'failure')
      .execute();
    expect(failures).toHaveLength(193);
    expect(new Set(failures.map((failure) => failure.failure_reason))).toEqual(new Set(['pool_full']));
    // The seated sessions live as long as the pool's lease window without a heartbeat.
    const session = seated[0]?.json();
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(9 * MINUTE);
    expect(session.license).toMatchObject({ subscriptionId, product: { key: productKey } });
    // 200 whole sign-ins (argon2, risk, the recorded attempt): several seconds, many more on a busy machine.
  }, 180_000);

  it('frees a seat whose app went silent for the lease window (not 3 minutes); the next sign-in gets it, settling its denial', async () => {
    const { org, productKey, subscriptionId } = await orgWithPool(ctx(), 1, { leaseWindowS: 300 });
    const [first, second, third] = await addMembers(ctx(), org.orgId, 3);
    if (!first || !second || !third) throw new Error('members missing');
    const start = Date.now();
    ctx().clock.frozenAtMs = start;
    try {
      const held = await startAppSession(ctx(), {
        email: first.email,
        password: MEMBER_PASSWORD,
        appKey: productKey,
        device: deviceOf(1),
      });
      expect(held.statusCode).toBe(201);
      expect(Date.parse(held.json().expiresAt)).toBe(start + 300_000);
      const token = held.json().sessionToken;

      ctx().clock.offsetMs = 1000;
      const turnedAway = await startAppSession(ctx(), {
        email: second.email,
        password: MEMBER_PASSWORD,
        appKey: productKey,
        device: deviceOf(2),
      });
      expect(turnedAway.json()).toMatchObject({ status: 403, code: 'pool-full', retryAfterSeconds: 299 });
      expect(turnedAway.headers['retry-after']).toBe('299');
      // docs/floating-seats.md shows this very answer.
      expect(turnedAway.json()).toEqual({
        ...(documented('pool-full') as object),
        denialId: turnedAway.json().denialId,
      });
      const alsoAway = await startAppSession(ctx(), {
        email: third.email,
        password: MEMBER_PASSWORD,
        appKey: productKey,
        device: deviceOf(3),
      });
      expect(alsoAway.statusCode).toBe(403);

      // 4 minutes of silence: past 3 heartbeat intervals, inside the 5-minute lease window.
      ctx().clock.offsetMs = 4 * MINUTE;
      expect((await heartbeat(ctx(), token)).statusCode).toBe(204);
      await ctx()
        .deps.database.db.transaction()
        .execute((trx) => closeSilentSessions(trx, ctx().deps.now()));
      expect(await poolCounts(ctx(), subscriptionId)).toMatchObject({ leased: 1 });

      // The window passes after the last heartbeat: the sweep ends the session at it and frees the seat.
      ctx().clock.offsetMs = 9 * MINUTE + 1000;
      const closed = await ctx()
        .deps.database.db.transaction()
        .execute((trx) => closeSilentSessions(trx, ctx().deps.now()));
      expect(closed).toBe(1);
      expect(await poolCounts(ctx(), subscriptionId)).toEqual({ leased: 0, borrowed: 0, live: 0 });
      expect((await heartbeat(ctx(), token)).json()).toMatchObject({ status: 401, code: 'session-timed-out' });

      const retried = await startAppSession(ctx(), {
        email: second.email,
        password: MEMBER_PASSWORD,
        appKey: productKey,
        device: deviceOf(2),
      });
      expect(retried.statusCode).toBe(201);
    } finally {
      ctx().clock.offsetMs = 0;
      ctx().clock.frozenAtMs = undefined;
    }
    // The second person got a seat on a retry; the third never came back (still pending until it counts as given up).
    const denials = await denialsOf(ctx(), org.orgId);
    expect(denials.map((denial) => [denial.user_id, denial.outcome])).toEqual([
      [second.id, 'seat_on_retry'],
      [third.id, 'pending'],
    ]);
    const lease = await ctx()
      .deps.database.db.selectFrom('seat_leases')
      .select(['release_reason', 'device_id'])
      .where('user_id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(lease).toEqual({ release_reason: 'session_ended', device_id: 'machine-1' });
  });

  it('a heartbeat past the window ends the session itself and frees the seat', async () => {
    const { org, productKey, subscriptionId } = await orgWithPool(ctx(), 1, { leaseWindowS: 120 });
    const [member] = await addMembers(ctx(), org.orgId, 1);
    if (!member) throw new Error('member missing');
    ctx().clock.frozenAtMs = Date.now();
    try {
      const token = (
        await startAppSession(ctx(), { email: member.email, password: MEMBER_PASSWORD, appKey: productKey })
      ).json().sessionToken;
      ctx().clock.offsetMs = 2 * MINUTE + 1;
      expect((await heartbeat(ctx(), token)).json()).toMatchObject({ status: 401, code: 'session-timed-out' });
      expect(await poolCounts(ctx(), subscriptionId)).toMatchObject({ leased: 0, live: 0 });
    } finally {
      ctx().clock.offsetMs = 0;
      ctx().clock.frozenAtMs = undefined;
    }
  });

  it('a second sign-in on the same device replaces the first session and keeps one seat', async () => {
    const { org, productKey, subscriptionId } = await orgWithPool(ctx(), 3);
    const [member] = await addMembers(ctx(), org.orgId, 1);
    if (!member) throw new Error('member missing');
    const sign = () => startAppSession(ctx(), { email: member.email, password: MEMBER_PASSWORD, appKey: productKey });
    const first = (await sign()).json().sessionToken;
    const second = (await sign()).json().sessionToken;
    expect((await heartbeat(ctx(), first)).json()).toMatchObject({ status: 401, code: 'session-replaced' });
    expect((await heartbeat(ctx(), second)).statusCode).toBe(204);
    expect(await poolCounts(ctx(), subscriptionId)).toEqual({ leased: 1, borrowed: 0, live: 1 });
  });

  it('an owner’s force-release ends the session: its next heartbeat gets 403 lease-released with the reason', async () => {
    const { org, owner, productKey, subscriptionId } = await orgWithPool(ctx(), 2);
    const [member] = await addMembers(ctx(), org.orgId, 1);
    if (!member) throw new Error('member missing');
    const token = (
      await startAppSession(ctx(), { email: member.email, password: MEMBER_PASSWORD, appKey: productKey })
    ).json().sessionToken;
    const lease = await ctx()
      .deps.database.db.selectFrom('seat_leases')
      .select('id')
      .where('user_id', '=', member.id)
      .executeTakeFirstOrThrow();
    const released = await ctx().app.inject({
      method: 'DELETE',
      url: `/api/v1/subscriptions/${subscriptionId}/leases/${lease.id}`,
      headers: as(owner),
      payload: { reason: 'Needed for the night shift' },
    });
    expect(released.statusCode).toBe(204);
    const refused = await heartbeat(ctx(), token);
    expect(refused.json()).toMatchObject({ status: 403, code: 'lease-released' });
    expect(refused.json().detail).toContain('Needed for the night shift');
    expect(await poolCounts(ctx(), subscriptionId)).toMatchObject({ leased: 0, live: 0 });
  });

  it('refuses seats of an expired pool (subscription_expired) and of none (no_seat), both 403 no-license, recorded', async () => {
    const { org, owner, productKey, subscriptionId } = await orgWithPool(ctx(), 2);
    const [member] = await addMembers(ctx(), org.orgId, 1);
    if (!member) throw new Error('member missing');
    const other = await createSubscription(ctx(), org.orgId, { seats: 1, name: 'Unheld' });
    const noSeat = await startAppSession(ctx(), {
      email: member.email,
      password: MEMBER_PASSWORD,
      appKey: other.productKey,
    });
    expect(noSeat.json()).toMatchObject({ status: 403, code: 'no-license', denialId: expect.any(String) });
    await ctx()
      .deps.database.db.updateTable('subscriptions')
      .set({ expires_at: ctx().deps.now() - 1000 })
      .where('id', '=', subscriptionId)
      .execute();
    const expired = await startAppSession(ctx(), {
      email: member.email,
      password: MEMBER_PASSWORD,
      appKey: productKey,
    });
    expect(expired.json()).toMatchObject({ status: 403, code: 'no-license' });
    expect(expired.json().detail).toContain('has ended');
    expect((await denialsOf(ctx(), org.orgId)).map((denial) => [denial.reason, denial.subscription_id])).toEqual([
      ['no_seat', null],
      ['subscription_expired', subscriptionId],
    ]);
    const attempts = (
      await ctx().app.inject({ url: `/api/v1/users/${member.id}/activity?outcome=failure`, headers: as(owner) })
    ).json().items;
    expect(attempts.map((item: { failureReason: string }) => item.failureReason)).toEqual(['no_license', 'no_license']);
  });

  it('takes no assignments on a floating subscription: 409 floating-subscription for assign and reassign', async () => {
    const { owner, subscriptionId } = await orgWithPool(ctx(), 2);
    const member = await createMember(ctx(), owner);
    const other = await createMember(ctx(), owner, 'Other');
    const assigned = await assignSeat(ctx(), owner, subscriptionId, member.id);
    expect(assigned.statusCode).toBe(409);
    expect(assigned.json()).toMatchObject({ code: 'floating-subscription' });
    const reassigned = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${subscriptionId}/assignments/${member.id}/reassign`,
      headers: as(owner),
      payload: { toUserId: other.id },
    });
    expect(reassigned.json()).toMatchObject({ status: 409, code: 'floating-subscription' });
  });

  it('a deactivated member’s floating session ends and its seat returns to the pool', async () => {
    const { org, owner, productKey, subscriptionId } = await orgWithPool(ctx(), 1);
    const [member] = await addMembers(ctx(), org.orgId, 1);
    if (!member) throw new Error('member missing');
    const token = (
      await startAppSession(ctx(), { email: member.email, password: MEMBER_PASSWORD, appKey: productKey })
    ).json().sessionToken;
    const deactivated = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${member.id}/deactivate`,
      headers: as(owner),
      payload: { reason: 'left_organization' },
    });
    expect(deactivated.statusCode).toBe(200);
    expect((await heartbeat(ctx(), token)).json()).toMatchObject({ status: 401, code: 'account-deactivated' });
    expect(await poolCounts(ctx(), subscriptionId)).toEqual({ leased: 0, borrowed: 0, live: 0 });
  });
});
