import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { Lease, LeasePage } from '../../src/contract/leases.ts';
import type { Subscription } from '../../src/contract/subscriptions.ts';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { expectNoAuditRow, expectOneAuditRow } from '../helpers/audit.ts';
import {
  assignSeat,
  createMember,
  createSubscription,
  DEVICE,
  heartbeat,
  MEMBER_PASSWORD,
  startAppSession,
} from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const LONDON = '81.2.69.142';

function listLeases(ctx: TestContext, headers: Record<string, string>, subscriptionId: string, query = '') {
  return ctx.app.inject({ url: `/api/v1/subscriptions/${subscriptionId}/leases${query}`, headers });
}

function forceRelease(
  ctx: TestContext,
  headers: Record<string, string>,
  subscriptionId: string,
  leaseId: string,
  payload: unknown = { reason: 'Needed for the new hire' },
) {
  return ctx.app.inject({
    method: 'DELETE',
    url: `/api/v1/subscriptions/${subscriptionId}/leases/${leaseId}`,
    headers,
    payload: payload as Record<string, unknown>,
  });
}

async function subscriptionOf(ctx: TestContext, owner: Session, id: string): Promise<Subscription> {
  return (await ctx.app.inject({ url: `/api/v1/subscriptions/${id}`, headers: as(owner) })).json();
}

/** A floating pool, made the way the operator's CLI makes one. */
async function createFloatingPool(ctx: TestContext, orgId: string, seats: number) {
  const key = `pool-${randomBytes(4).toString('hex')}`;
  const db = ctx.deps.database.db;
  await addProduct(db, { key, name: `Pool ${key}` });
  const now = ctx.deps.now();
  const subscription = await addSubscription(db, {
    orgId,
    productKey: key,
    seats,
    kind: 'floating',
    startsAt: now - DAY_MS,
    expiresAt: now + 365 * DAY_MS,
  });
  return { productKey: key, subscriptionId: subscription.id };
}

describeEachDatabase('seats in use', (ctx) => {
  let orgId: string;
  let owner: Session;
  let subscriptionId: string;
  let productKey: string;
  let member: { id: string; email: string };

  beforeAll(async () => {
    const org = await createOrgWithOwner(ctx(), 'Leasers');
    orgId = org.orgId;
    owner = await signIn(ctx().app, org.email, org.password);
    ({ subscriptionId, productKey } = await createSubscription(ctx(), orgId, { seats: 5, name: 'Draftsman' }));
    member = await createMember(ctx(), owner, 'Lena Lease');
    expect((await assignSeat(ctx(), owner, subscriptionId, member.id)).statusCode).toBe(201);
    // One member runs the app on many machines here: lift the named seat's device limit (default 2).
    const rules = await ctx().app.inject({
      method: 'PATCH',
      url: `/api/v1/subscriptions/${subscriptionId}/seat-rules`,
      headers: as(owner),
      payload: { deviceLimit: 50 },
    });
    expect(rules.statusCode).toBe(200);
  });

  async function appSignIn(device: Record<string, unknown> = DEVICE, key = productKey, email = member.email) {
    const started = await startAppSession(ctx(), { email, password: MEMBER_PASSWORD, appKey: key, device }, LONDON);
    return started;
  }

  async function leaseOfDevice(deviceId: string, id = subscriptionId): Promise<Lease> {
    const page: LeasePage = (await listLeases(ctx(), as(owner), id)).json();
    const lease = page.items.find((item) => item.device.id === deviceId);
    if (!lease) throw new Error(`no lease of ${deviceId}`);
    return lease;
  }

  it('lists the lease a real app sign-in took: holder, device, version, place, heartbeat and when it lapses', async () => {
    const device = { ...DEVICE, id: 'list-device-1', name: 'Drafting PC' };
    const started = await appSignIn(device);
    expect(started.statusCode).toBe(201);
    const answer = await listLeases(ctx(), as(owner), subscriptionId);
    expect(answer.statusCode).toBe(200);
    const lease = await leaseOfDevice('list-device-1');
    expect(lease).toMatchObject({
      subscriptionId,
      state: 'online',
      user: { id: member.id, email: member.email, name: 'Lena Lease' },
      device: { id: 'list-device-1', name: 'Drafting PC', os: 'Windows', osVersion: '11' },
      appVersion: '2.4.1',
      ip: LONDON,
      location: { countryCode: 'GB', city: 'London' },
      borrowedUntil: null,
    });
    // A named seat's online lease lapses 3 heartbeat intervals (60 s) after the last heartbeat.
    expect(Date.parse(lease.expiresAt ?? '') - Date.parse(lease.lastHeartbeatAt ?? '')).toBe(180_000);
    expect(lease.takenAt).toBe(lease.lastHeartbeatAt);
  });

  it('force-release frees the seat, ends the session (its heartbeat is refused), is audited, and happens once', async () => {
    const device = { ...DEVICE, id: 'release-device-1', name: 'Laptop to free' };
    const started = await appSignIn(device);
    const token = started.json().sessionToken as string;
    const lease = await leaseOfDevice('release-device-1');
    const inUseBefore = (await subscriptionOf(ctx(), owner, subscriptionId)).inUse;

    const { row, result } = await expectOneAuditRow(ctx(), orgId, 'lease.force_released', () =>
      forceRelease(ctx(), as(owner), subscriptionId, lease.id, { reason: 'Laptop stolen' }),
    );
    expect(result.statusCode).toBe(204);
    expect(row).toMatchObject({ actor_id: owner.userId, target_type: 'user', target_id: member.id });
    expect(JSON.parse(row.before ?? '{}')).toEqual({
      lease: expect.objectContaining({ leaseId: lease.id, subscriptionId, state: 'online', device: 'Laptop to free' }),
    });
    expect(JSON.parse(row.after ?? '{}')).toEqual({
      lease: expect.objectContaining({ leaseId: lease.id, subscriptionId, state: 'released', reason: 'Laptop stolen' }),
    });

    expect((await subscriptionOf(ctx(), owner, subscriptionId)).inUse).toBe(inUseBefore - 1);
    const page: LeasePage = (await listLeases(ctx(), as(owner), subscriptionId)).json();
    expect(page.items.map((item) => item.id)).not.toContain(lease.id);

    const refused = await heartbeat(ctx(), token);
    expect(refused.statusCode).toBe(403);
    // The app is told why: the owner's reason travels with the refusal.
    expect(refused.json()).toMatchObject({ code: 'lease-released', detail: expect.stringContaining('Laptop stolen') });

    const session = await ctx()
      .deps.database.db.selectFrom('app_sessions')
      .select(['ended_at', 'end_reason'])
      .where('user_id', '=', member.id)
      .where('device_id', '=', 'release-device-1')
      .executeTakeFirstOrThrow();
    expect(session).toEqual({ ended_at: expect.any(Number), end_reason: 'lease_released' });
    const released = await ctx()
      .deps.database.db.selectFrom('seat_leases')
      .select(['release_reason', 'released_by', 'release_note'])
      .where('id', '=', Number(lease.id))
      .executeTakeFirstOrThrow();
    expect(released).toEqual({
      release_reason: 'force_released',
      released_by: owner.userId,
      release_note: 'Laptop stolen',
    });

    const again = await expectNoAuditRow(ctx(), orgId, () => forceRelease(ctx(), as(owner), subscriptionId, lease.id));
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'lease-not-found' });
  });

  it('releases a borrowed seat too, counting it out of the borrowed seats', async () => {
    const device = { ...DEVICE, id: 'borrow-device-1', name: 'Travel laptop' };
    await appSignIn(device);
    const lease = await leaseOfDevice('borrow-device-1');
    const db = ctx().deps.database.db;
    const now = ctx().deps.now();
    // What borrowing writes (seat-borrowing): the lease's dates and the subscription's borrowed count.
    await db
      .updateTable('seat_leases')
      .set({ borrowed_at: now, borrowed_until: now + 7 * DAY_MS })
      .where('id', '=', Number(lease.id))
      .execute();
    await db
      .updateTable('subscriptions')
      .set((eb) => ({ borrowed: eb('borrowed', '+', 1) }))
      .where('id', '=', subscriptionId)
      .execute();
    const borrowed = await leaseOfDevice('borrow-device-1');
    expect(borrowed).toMatchObject({ state: 'borrowed', expiresAt: null });
    expect(Date.parse(borrowed.borrowedUntil ?? '')).toBe(now + 7 * DAY_MS);
    const onlyBorrowed: LeasePage = (await listLeases(ctx(), as(owner), subscriptionId, '?state=borrowed')).json();
    expect(onlyBorrowed.items.map((item) => item.id)).toEqual([lease.id]);
    const onlyOnline: LeasePage = (await listLeases(ctx(), as(owner), subscriptionId, '?state=online')).json();
    expect(onlyOnline.items.map((item) => item.id)).not.toContain(lease.id);

    const before = await subscriptionOf(ctx(), owner, subscriptionId);
    expect((await forceRelease(ctx(), as(owner), subscriptionId, lease.id)).statusCode).toBe(204);
    const after = await subscriptionOf(ctx(), owner, subscriptionId);
    expect({ inUse: after.inUse, borrowed: after.borrowed }).toEqual({
      inUse: before.inUse - 1,
      borrowed: before.borrowed - 1,
    });
  });

  it('pages newest first with a cursor', async () => {
    for (const id of ['page-device-1', 'page-device-2', 'page-device-3']) {
      ctx().clock.offsetMs += 1000;
      await appSignIn({ ...DEVICE, id, name: id });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: LeasePage = (await listLeases(ctx(), as(owner), subscriptionId, query)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.takenAt));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect([...seen].sort().reverse()).toEqual(seen);
    const bad = await listLeases(ctx(), as(owner), subscriptionId, '?cursor=bm9wZQ');
    expect(bad.json()).toMatchObject({ status: 400, code: 'invalid-cursor' });
  });

  it('answers 404 for another organization’s subscription and lease, and changes nothing', async () => {
    const theirs = await createOrgWithOwner(ctx(), 'Others');
    const theirOwner = await signIn(ctx().app, theirs.email, theirs.password);
    await appSignIn({ ...DEVICE, id: 'tenancy-device', name: 'Ours' });
    const lease = await leaseOfDevice('tenancy-device');
    const theirSubscription = await createSubscription(ctx(), theirs.orgId, { seats: 1 });

    expect((await listLeases(ctx(), as(theirOwner), subscriptionId)).statusCode).toBe(404);
    const released = await forceRelease(ctx(), as(theirOwner), subscriptionId, lease.id);
    expect(released.json()).toMatchObject({ status: 404, code: 'not-found' });
    // Their subscription with our lease id: not theirs either.
    const crossed = await forceRelease(ctx(), as(theirOwner), theirSubscription.subscriptionId, lease.id);
    expect(crossed.json()).toMatchObject({ status: 404, code: 'lease-not-found' });
    expect((await leaseOfDevice('tenancy-device')).id).toBe(lease.id);
  });

  it('is for owners: a member gets 403, a read-only token may list but not release', async () => {
    const memberSession = await signIn(ctx().app, member.email, MEMBER_PASSWORD);
    await appSignIn({ ...DEVICE, id: 'access-device', name: 'Access' });
    const lease = await leaseOfDevice('access-device');
    expect((await listLeases(ctx(), as(memberSession), subscriptionId)).statusCode).toBe(403);
    expect((await forceRelease(ctx(), as(memberSession), subscriptionId, lease.id)).statusCode).toBe(403);

    const tokens: Record<string, string> = {};
    for (const scope of ['read', 'full']) {
      const created = await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/api-tokens',
        headers: as(owner),
        payload: { name: `seats ${scope}`, scope },
      });
      tokens[scope] = created.json().token;
    }
    const read = { authorization: `Bearer ${tokens.read}` };
    expect((await listLeases(ctx(), read, subscriptionId)).statusCode).toBe(200);
    const refused = await forceRelease(ctx(), read, subscriptionId, lease.id);
    expect(refused.json()).toMatchObject({ status: 403, code: 'token-read-only' });
    const full = { authorization: `Bearer ${tokens.full}` };
    expect((await forceRelease(ctx(), full, subscriptionId, lease.id)).statusCode).toBe(204);
  });

  it('refuses bad bodies and ids with 400 and changes nothing', async () => {
    await appSignIn({ ...DEVICE, id: 'bad-body-device', name: 'Bad bodies' });
    const lease = await leaseOfDevice('bad-body-device');
    for (const payload of [
      {},
      { reason: '' },
      { reason: '   ' },
      { reason: 'x'.repeat(501) },
      { reason: 'ok', extra: 1 },
    ]) {
      const answer = await expectNoAuditRow(ctx(), orgId, () =>
        forceRelease(ctx(), as(owner), subscriptionId, lease.id, payload),
      );
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400);
    }
    for (const leaseId of ['0', 'abc', '-1', '1.5']) {
      expect((await forceRelease(ctx(), as(owner), subscriptionId, leaseId)).statusCode, leaseId).toBe(400);
    }
    expect((await leaseOfDevice('bad-body-device')).id).toBe(lease.id);
  });

  it('50 owners releasing one lease at once: one 204, the rest 404, the count down by exactly one', async () => {
    await appSignIn({ ...DEVICE, id: 'race-device', name: 'Raced' });
    const lease = await leaseOfDevice('race-device');
    const before = (await subscriptionOf(ctx(), owner, subscriptionId)).inUse;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => forceRelease(ctx(), as(owner), subscriptionId, lease.id)),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 204)).toHaveLength(1);
    expect(statuses.filter((status) => status === 404)).toHaveLength(49);
    expect((await subscriptionOf(ctx(), owner, subscriptionId)).inUse).toBe(before - 1);
    const audits = await ctx()
      .deps.database.db.selectFrom('audit_log')
      .select('id')
      .where('org_id', '=', orgId)
      .where('action', '=', 'lease.force_released')
      .where('after', 'like', `%"leaseId":"${lease.id}"%`)
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('runs the curl examples of docs/seats-in-use.md as written', async () => {
    await appSignIn({ ...DEVICE, id: 'docs-device', name: 'Docs' });
    const lease = await leaseOfDevice('docs-device');
    const token = (
      await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/api-tokens',
        headers: as(owner),
        payload: { name: 'docs example', scope: 'full' },
      })
    ).json().token as string;
    const guide = fs.readFileSync(new URL('../../docs/seats-in-use.md', import.meta.url), 'utf8');
    const commands = (guide.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '')
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter((line) => line.startsWith('curl '));
    expect(commands).toHaveLength(2);
    const variables: Record<string, string> = { TOKEN: token, SUBSCRIPTION: subscriptionId, LEASE: lease.id };
    const answers = [];
    for (const command of commands) {
      const expanded = command.replace(/\$([A-Z]+)/g, (_, name: string) => variables[name] ?? '');
      const url = new URL(expanded.match(/"(https:[^"]+)"/)?.[1] ?? '');
      const body = expanded.match(/-d '([^']+)'/)?.[1];
      answers.push(
        await ctx().app.inject({
          method: expanded.includes('-X DELETE') ? 'DELETE' : 'GET',
          url: `${url.pathname}${url.search}`,
          headers: {
            authorization: expanded.match(/"Authorization: ([^"]+)"/)?.[1] ?? '',
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { payload: body } : {}),
        }),
      );
    }
    expect(answers[0]?.statusCode).toBe(200);
    expect(answers[0]?.json().items.map((item: Lease) => item.id)).toContain(lease.id);
    expect(answers[1]?.statusCode).toBe(204);
    const note = await ctx()
      .deps.database.db.selectFrom('seat_leases')
      .select('release_note')
      .where('id', '=', Number(lease.id))
      .executeTakeFirstOrThrow();
    expect(note.release_note).toBe('Needed for the night shift');
  });

  it('on a full floating pool, releasing a seat lets the next person in', async () => {
    const pool = await createFloatingPool(ctx(), orgId, 1);
    const first = await createMember(ctx(), owner, 'First In');
    const second = await createMember(ctx(), owner, 'Second In');
    const taken = await appSignIn({ ...DEVICE, id: 'pool-device-1' }, pool.productKey, first.email);
    expect(taken.statusCode).toBe(201);
    const full = await appSignIn({ ...DEVICE, id: 'pool-device-2' }, pool.productKey, second.email);
    expect(full.json()).toMatchObject({ status: 403, code: 'pool-full' });
    const lease = await leaseOfDevice('pool-device-1', pool.subscriptionId);
    expect((await forceRelease(ctx(), as(owner), pool.subscriptionId, lease.id)).statusCode).toBe(204);
    expect((await heartbeat(ctx(), taken.json().sessionToken)).json()).toMatchObject({
      status: 403,
      code: 'lease-released',
    });
    const next = await appSignIn({ ...DEVICE, id: 'pool-device-2' }, pool.productKey, second.email);
    expect(next.statusCode).toBe(201);
    expect(await subscriptionOf(ctx(), owner, pool.subscriptionId)).toMatchObject({
      kind: 'floating',
      inUse: 1,
      available: 0,
    });
  });
});
