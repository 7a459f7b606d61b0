import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { expectNoAuditRow, expectOneAuditRow } from '../helpers/audit.ts';
import { createMember, createSubscription } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

function patchRules(ctx: TestContext, headers: Record<string, string>, id: string, payload: unknown) {
  return ctx.app.inject({
    method: 'PATCH',
    url: `/api/v1/subscriptions/${id}/seat-rules`,
    headers,
    payload: payload as Record<string, unknown>,
  });
}

describeEachDatabase('seat rules', (ctx) => {
  let orgId: string;
  let owner: Session;
  let named: string;
  let floating: string;

  beforeAll(async () => {
    const org = await createOrgWithOwner(ctx(), 'Rulers');
    orgId = org.orgId;
    owner = await signIn(ctx().app, org.email, org.password);
    named = (await createSubscription(ctx(), orgId, { seats: 10 })).subscriptionId;
    const key = `pool-${randomBytes(4).toString('hex')}`;
    await addProduct(ctx().deps.database.db, { key, name: 'Render pool' });
    const now = ctx().deps.now();
    floating = (
      await addSubscription(ctx().deps.database.db, {
        orgId,
        productKey: key,
        seats: 4,
        kind: 'floating',
        startsAt: now,
        expiresAt: now + 30 * DAY_MS,
      })
    ).id;
  });

  it('starts with the documented defaults', async () => {
    const subscription = (await ctx().app.inject({ url: `/api/v1/subscriptions/${named}`, headers: as(owner) })).json();
    expect(subscription).toMatchObject({
      kind: 'named',
      seatRules: { leaseWindowMinutes: 10, deviceLimit: 2, maxBorrowDays: 14, minPoolSeats: 0, reclaimAfterDays: null },
    });
  });

  it('changes the rules of a floating pool, audited with only what changed before and after', async () => {
    const { row, result } = await expectOneAuditRow(ctx(), orgId, 'subscription.seat_rules_changed', () =>
      patchRules(ctx(), as(owner), floating, { leaseWindowMinutes: 20, minPoolSeats: 3, maxBorrowDays: 7 }),
    );
    expect(result.statusCode).toBe(200);
    expect(result.json()).toMatchObject({
      id: floating,
      kind: 'floating',
      seatRules: { leaseWindowMinutes: 20, deviceLimit: 2, maxBorrowDays: 7, minPoolSeats: 3, reclaimAfterDays: null },
    });
    expect(row).toMatchObject({ actor_id: owner.userId, target_type: 'subscription', target_id: floating });
    expect(JSON.parse(row.before ?? '{}')).toEqual({ leaseWindowMinutes: 10, minPoolSeats: 0, maxBorrowDays: 14 });
    expect(JSON.parse(row.after ?? '{}')).toEqual({ leaseWindowMinutes: 20, minPoolSeats: 3, maxBorrowDays: 7 });
    const stored = await ctx()
      .deps.database.db.selectFrom('subscriptions')
      .select(['lease_window_s', 'min_pool_seats', 'max_borrow_days'])
      .where('id', '=', floating)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ lease_window_s: 1200, min_pool_seats: 3, max_borrow_days: 7 });
    // The same rules again change nothing and record nothing.
    const same = await expectNoAuditRow(ctx(), orgId, () =>
      patchRules(ctx(), as(owner), floating, { minPoolSeats: 3 }),
    );
    expect(same.statusCode).toBe(200);
  });

  it('turns dormant-seat reclaim on and off on named seats', async () => {
    const on = await patchRules(ctx(), as(owner), named, { reclaimAfterDays: 90, deviceLimit: 3 });
    expect(on.json().seatRules).toMatchObject({ reclaimAfterDays: 90, deviceLimit: 3 });
    const off = await patchRules(ctx(), as(owner), named, { reclaimAfterDays: null });
    expect(off.json().seatRules).toMatchObject({ reclaimAfterDays: null, deviceLimit: 3 });
  });

  it('refuses rules that do not fit the kind or the seats with 409, changing nothing', async () => {
    for (const [id, payload] of [
      [floating, { reclaimAfterDays: 35 }],
      [named, { minPoolSeats: 1 }],
      [floating, { minPoolSeats: 4 }],
      [floating, { minPoolSeats: 9, leaseWindowMinutes: 30 }],
    ] as const) {
      const answer = await expectNoAuditRow(ctx(), orgId, () => patchRules(ctx(), as(owner), id, payload));
      expect(answer.json(), JSON.stringify(payload)).toMatchObject({ status: 409, code: 'seat-rules-conflict' });
    }
    const pool = (await ctx().app.inject({ url: `/api/v1/subscriptions/${floating}`, headers: as(owner) })).json();
    expect(pool.seatRules).toMatchObject({ leaseWindowMinutes: 20, minPoolSeats: 3 });
  });

  it('refuses bad bodies with 400', async () => {
    for (const payload of [
      {},
      { leaseWindowMinutes: 0 },
      { leaseWindowMinutes: 1441 },
      { deviceLimit: 0 },
      { maxBorrowDays: -1 },
      { maxBorrowDays: 366 },
      { reclaimAfterDays: 3 },
      { deviceLimit: 2.5 },
      { deviceLimit: '2' },
      { colour: 'blue' },
    ]) {
      const answer = await expectNoAuditRow(ctx(), orgId, () => patchRules(ctx(), as(owner), named, payload));
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('is for owners of the organization: 403 for members and read tokens, 404 for another organization', async () => {
    const member = await createMember(ctx(), owner);
    const memberSession = await signIn(ctx().app, member.email, 'a fine long passphrase');
    expect((await patchRules(ctx(), as(memberSession), named, { deviceLimit: 4 })).statusCode).toBe(403);
    const token = (
      await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/api-tokens',
        headers: as(owner),
        payload: { name: 'rules read', scope: 'read' },
      })
    ).json().token;
    const byToken = await patchRules(ctx(), { authorization: `Bearer ${token}` }, named, { deviceLimit: 4 });
    expect(byToken.json()).toMatchObject({ status: 403, code: 'token-read-only' });
    const theirs = await createOrgWithOwner(ctx(), 'Elsewhere');
    const theirOwner = await signIn(ctx().app, theirs.email, theirs.password);
    const crossed = await patchRules(ctx(), as(theirOwner), named, { deviceLimit: 4 });
    expect(crossed.json()).toMatchObject({ status: 404, code: 'not-found' });
    const kept = (await ctx().app.inject({ url: `/api/v1/subscriptions/${named}`, headers: as(owner) })).json();
    expect(kept.seatRules.deviceLimit).toBe(3);
  });
});
