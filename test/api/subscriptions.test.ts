import { expect, it } from 'vitest';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { assignSeat, createMember, createSubscription } from '../helpers/licenses.ts';
import { as, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase } from '../helpers/test-app.ts';

describeEachDatabase('subscriptions and seats', (ctx) => {
  it('never assigns more seats than purchased, however many requests race for the last ones', async () => {
    const org = await createOrgWithOwner(ctx(), 'Racers');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 5 });
    const members = [];
    for (let index = 0; index < 20; index++) members.push(await createMember(ctx(), owner, `Racer ${index}`));
    const answers = await Promise.all(members.map((member) => assignSeat(ctx(), owner, subscriptionId, member.id)));
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 409)).toHaveLength(15);
    expect(answers.find((answer) => answer.statusCode === 409)?.json().code).toBe('no-free-seat');
    const subscription = (
      await ctx().app.inject({ url: `/api/v1/subscriptions/${subscriptionId}`, headers: as(owner) })
    ).json();
    expect(subscription).toMatchObject({ seats: 5, assigned: 5, available: 0 });
    const holders = (
      await ctx().app.inject({ url: `/api/v1/subscriptions/${subscriptionId}/assignments`, headers: as(owner) })
    ).json().items;
    expect(holders).toHaveLength(5);
  });

  it('assigns, repeats harmlessly, unassigns, and lists licenses for owners and members', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId, productKey } = await createSubscription(ctx(), org.orgId, { seats: 3, name: 'Designer' });
    const member = await createMember(ctx(), owner);
    const first = await assignSeat(ctx(), owner, subscriptionId, member.id);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      subscriptionId,
      product: { key: productKey, name: 'Designer' },
      user: { id: member.id },
      assignedBy: { id: org.ownerId },
      lastUsedAt: null,
    });
    expect((await assignSeat(ctx(), owner, subscriptionId, member.id)).statusCode).toBe(200);

    const licenses = (
      await ctx().app.inject({ url: `/api/v1/users/${member.id}/licenses`, headers: as(owner) })
    ).json();
    expect(licenses.items).toEqual([expect.objectContaining({ subscriptionId, subscriptionStatus: 'active' })]);
    const memberSession = await signIn(ctx().app, member.email, 'a fine long passphrase');
    const mine = (await ctx().app.inject({ url: '/api/v1/me/licenses', headers: as(memberSession) })).json();
    expect(mine.items).toHaveLength(1);
    const holders = (await ctx().app.inject({ url: `/api/v1/users?product=${productKey}`, headers: as(owner) })).json();
    expect(holders.items.map((user: { id: string }) => user.id)).toEqual([member.id]);

    const freed = await ctx().app.inject({
      method: 'DELETE',
      url: `/api/v1/subscriptions/${subscriptionId}/assignments/${member.id}`,
      headers: as(owner),
    });
    expect(freed.statusCode).toBe(204);
    const again = await ctx().app.inject({
      method: 'DELETE',
      url: `/api/v1/subscriptions/${subscriptionId}/assignments/${member.id}`,
      headers: as(owner),
    });
    expect(again.json()).toMatchObject({ status: 404, code: 'not-assigned' });
    const list = (await ctx().app.inject({ url: '/api/v1/subscriptions', headers: as(owner) })).json().items;
    expect(list).toEqual([expect.objectContaining({ id: subscriptionId, assigned: 0, available: 3 })]);
    // History is kept: the freed seat is still a row, with who freed it.
    const history = await ctx()
      .deps.database.db.selectFrom('seat_assignments')
      .select(['unassigned_by', 'unassigned_at'])
      .where('subscription_id', '=', subscriptionId)
      .execute();
    expect(history).toEqual([{ unassigned_by: org.ownerId, unassigned_at: expect.any(Number) }]);
  });

  it('refuses a seat to a deactivated user and on an expired subscription; deactivation can free seats', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 2 });
    const expired = await createSubscription(ctx(), org.orgId, { seats: 2, expiresInDays: -1 });
    const member = await createMember(ctx(), owner);
    const onExpired = await assignSeat(ctx(), owner, expired.subscriptionId, member.id);
    expect(onExpired.json()).toMatchObject({ status: 409, code: 'subscription-expired' });

    expect((await assignSeat(ctx(), owner, subscriptionId, member.id)).statusCode).toBe(201);
    const deactivated = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${member.id}/deactivate`,
      headers: as(owner),
      payload: { reason: 'license_reassignment', releaseSeats: true },
    });
    expect(deactivated.statusCode).toBe(200);
    const subscription = (
      await ctx().app.inject({ url: `/api/v1/subscriptions/${subscriptionId}`, headers: as(owner) })
    ).json();
    expect(subscription.assigned).toBe(0);
    const refused = await assignSeat(ctx(), owner, subscriptionId, member.id);
    expect(refused.json()).toMatchObject({ status: 409, code: 'user-deactivated' });
  });

  it('cancels at period end and resumes; an expired subscription can do neither', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 1, expiresInDays: 10 });
    const cancel = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${subscriptionId}/cancel`,
      headers: as(owner),
    });
    expect(cancel.json()).toMatchObject({ status: 'cancelled', autoRenew: false, daysUntilExpiry: 10 });
    const resume = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${subscriptionId}/resume`,
      headers: as(owner),
    });
    expect(resume.json()).toMatchObject({ status: 'active', autoRenew: true });
    const expired = await createSubscription(ctx(), org.orgId, { seats: 1, expiresInDays: -2.5 });
    const late = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${expired.subscriptionId}/cancel`,
      headers: as(owner),
    });
    expect(late.json()).toMatchObject({ status: 409, code: 'subscription-expired' });
    const list = (await ctx().app.inject({ url: '/api/v1/subscriptions?status=expired', headers: as(owner) })).json();
    expect(list.items).toEqual([expect.objectContaining({ id: expired.subscriptionId, daysUntilExpiry: -3 })]);
  });

  it('answers 404 for another organization’s subscriptions and users, and changes nothing', async () => {
    const ours = await createOrgWithOwner(ctx(), 'Ours');
    const theirs = await createOrgWithOwner(ctx(), 'Theirs');
    const owner = await signIn(ctx().app, ours.email, ours.password);
    const theirOwner = await signIn(ctx().app, theirs.email, theirs.password);
    const mine = await createSubscription(ctx(), ours.orgId, { seats: 2 });
    const their = await createSubscription(ctx(), theirs.orgId, { seats: 2 });
    const theirMember = await createMember(ctx(), theirOwner);
    expect((await assignSeat(ctx(), theirOwner, their.subscriptionId, theirMember.id)).statusCode).toBe(201);
    for (const request of [
      { method: 'GET', url: `/api/v1/subscriptions/${their.subscriptionId}` },
      { method: 'GET', url: `/api/v1/subscriptions/${their.subscriptionId}/assignments` },
      {
        method: 'POST',
        url: `/api/v1/subscriptions/${their.subscriptionId}/assignments`,
        payload: { userId: ours.ownerId },
      },
      { method: 'DELETE', url: `/api/v1/subscriptions/${their.subscriptionId}/assignments/${theirMember.id}` },
      { method: 'POST', url: `/api/v1/subscriptions/${their.subscriptionId}/cancel` },
      { method: 'POST', url: `/api/v1/subscriptions/${their.subscriptionId}/resume` },
      { method: 'GET', url: `/api/v1/subscriptions/${their.subscriptionId}/leases` },
      {
        method: 'PATCH',
        url: `/api/v1/subscriptions/${their.subscriptionId}/seat-rules`,
        payload: { deviceLimit: 5 },
      },
      {
        method: 'POST',
        url: `/api/v1/subscriptions/${mine.subscriptionId}/assignments`,
        payload: { userId: theirMember.id },
      },
      { method: 'GET', url: `/api/v1/users/${theirMember.id}/licenses` },
    ] as const) {
      const response = await ctx().app.inject({ ...request, headers: as(owner) });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(404);
    }
    const list = (await ctx().app.inject({ url: '/api/v1/subscriptions', headers: as(owner) })).json().items;
    expect(list.map((item: { id: string }) => item.id)).toEqual([mine.subscriptionId]);
    const theirs2 = (
      await ctx().app.inject({ url: `/api/v1/subscriptions/${their.subscriptionId}`, headers: as(theirOwner) })
    ).json();
    expect(theirs2).toMatchObject({ assigned: 1, status: 'active' });
  });

  it('says the kind of seats: named by default, a floating pool counts seats in use, not assignments', async () => {
    const org = await createOrgWithOwner(ctx(), 'Kinds');
    const owner = await signIn(ctx().app, org.email, org.password);
    const named = await createSubscription(ctx(), org.orgId, { seats: 3, name: 'Named app' });
    const db = ctx().deps.database.db;
    await addProduct(db, { key: `pool-${org.orgId.slice(0, 8)}`, name: 'Pool app' });
    const now = ctx().deps.now();
    const pool = await addSubscription(db, {
      orgId: org.orgId,
      productKey: `pool-${org.orgId.slice(0, 8)}`,
      seats: 10,
      kind: 'floating',
      startsAt: now,
      expiresAt: now + 30 * DAY_MS,
    });
    const list = (await ctx().app.inject({ url: '/api/v1/subscriptions', headers: as(owner) })).json().items;
    expect(list).toEqual([
      expect.objectContaining({ id: named.subscriptionId, kind: 'named', assigned: 0, inUse: 0, available: 3 }),
      expect.objectContaining({ id: pool.id, kind: 'floating', assigned: 0, inUse: 0, borrowed: 0, available: 10 }),
    ]);
  });

  it('members may not manage seats (403)', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 2 });
    const member = await createMember(ctx(), owner);
    const session = await signIn(ctx().app, member.email, 'a fine long passphrase');
    for (const request of [
      { method: 'GET', url: '/api/v1/subscriptions' },
      { method: 'POST', url: `/api/v1/subscriptions/${subscriptionId}/assignments`, payload: { userId: member.id } },
    ] as const) {
      expect((await ctx().app.inject({ ...request, headers: as(session) })).statusCode).toBe(403);
    }
  });
});
