import fs from 'node:fs';
import { expect, it } from 'vitest';
import { runSeatReclaim } from '../../src/server/features/seat-reclaim/index.ts';
import { DAY_MS, MINUTE_MS } from '../../src/server/lib/time.ts';
import { auditRowsSince, lastAuditId } from '../helpers/audit.ts';
import { assignSeat, createMember, createSubscription, MEMBER_PASSWORD, startAppSession } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

/**
 * The dormant-seat reclaim policy (docs/seat-reclaim.md) on a frozen server clock: day 0 is when the
 * seats are given; `at(context, days)` moves the clock; the job runs through its real entry
 * (runSeatReclaim, what the hourly schedule and `npx seatkeeper reclaim-seats` call).
 */

let start = 0;
function at(context: TestContext, days: number): void {
  context.clock.frozenAtMs = start;
  context.clock.offsetMs = Math.round(days * DAY_MS);
}

/** What the job has done to one organization so far: warning mails queued, seats freed. */
async function orgCounts(context: TestContext, orgId: string) {
  const db = context.deps.database.db;
  const mails = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('kind', '=', 'seat_reclaim_warning')
    .executeTakeFirstOrThrow();
  const freed = await db
    .selectFrom('seat_assignments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('unassign_reason', 'in', ['dormant', 'dormant_undone'])
    .executeTakeFirstOrThrow();
  return { warned: Number(mails.n), reclaimed: Number(freed.n) };
}

/**
 * One run of the job (it walks every organization of the database); answers what it did to `orgId`'s
 * seats, so the other tests' organizations do not count.
 */
async function runJob(context: TestContext, orgId: string, holders: string[] = ['reclaim-test']) {
  const before = await orgCounts(context, orgId);
  await Promise.all(
    holders.map((holder) => runSeatReclaim(context.deps.database.db, { now: context.deps.now, holder })),
  );
  const after = await orgCounts(context, orgId);
  return { warned: after.warned - before.warned, reclaimed: after.reclaimed - before.reclaimed };
}

/** An organization (with a webhook, so seat events are queued), a named subscription, members holding its seats at day 0. */
async function world(context: TestContext, options: { seats: number; holders: number; afterDays: number | null }) {
  start = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  at(context, 0);
  const org = await createOrgWithOwner(context, 'Dormant Co');
  const owner = await signIn(context.app, org.email, org.password);
  // A receiver that never answers: the deliveries stay queued, where the test reads them.
  context.deps.config.webhookAllowPrivate = true;
  const hook = await context.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: as(owner),
    payload: { url: 'http://127.0.0.1:9/seat-hooks' },
  });
  expect(hook.statusCode).toBe(201);
  const { subscriptionId, productKey } = await createSubscription(context, org.orgId, {
    seats: options.seats,
    name: 'Sketch Studio',
  });
  const members: { id: string; email: string }[] = [];
  for (let index = 0; index < options.holders; index++) {
    const member = await createMember(context, owner, `Holder ${index}`);
    expect((await assignSeat(context, owner, subscriptionId, member.id)).statusCode).toBe(201);
    members.push(member);
  }
  if (options.afterDays !== null) await setPolicy(context, owner, subscriptionId, options.afterDays);
  return { ...org, owner, subscriptionId, productKey, members };
}

function setPolicy(context: TestContext, owner: Session, subscriptionId: string, afterDays: number | null) {
  return context.app
    .inject({
      method: 'PATCH',
      url: `/api/v1/subscriptions/${subscriptionId}/seat-rules`,
      headers: as(owner),
      payload: { reclaimAfterDays: afterDays },
    })
    .then((answer) => {
      expect(answer.statusCode, answer.body).toBe(200);
      return answer;
    });
}

/** The owner signs in again after the clock moved (console sessions last 7 days). */
async function ownerNow(context: TestContext, org: { email: string; password: string }) {
  return signIn(context.app, org.email, org.password);
}

async function warningMails(context: TestContext, orgId: string) {
  return context.deps.database.db
    .selectFrom('email_outbox')
    .select(['to_address', 'subject', 'text_body', 'created_at'])
    .where('org_id', '=', orgId)
    .where('kind', '=', 'seat_reclaim_warning')
    .orderBy('created_at')
    .orderBy('to_address')
    .execute();
}

async function heldBy(context: TestContext, subscriptionId: string) {
  const rows = await context.deps.database.db
    .selectFrom('seat_assignments')
    .select('user_id')
    .where('subscription_id', '=', subscriptionId)
    .where('unassigned_at', 'is', null)
    .execute();
  return rows.map((row) => row.user_id).sort();
}

async function subscriptionOf(context: TestContext, owner: Session, subscriptionId: string) {
  return (await context.app.inject({ url: `/api/v1/subscriptions/${subscriptionId}`, headers: as(owner) })).json();
}

/** The member opens the app now: the seat's "last used" moves to the server's now. */
async function openApp(context: TestContext, member: { email: string }, productKey: string) {
  const opened = await startAppSession(context, { email: member.email, password: MEMBER_PASSWORD, appKey: productKey });
  expect(opened.statusCode, opened.body).toBe(201);
  const { sessionToken } = opened.json() as { sessionToken: string };
  const closed = await context.app.inject({
    method: 'DELETE',
    url: '/api/v1/app/sessions/current',
    headers: { authorization: `Bearer ${sessionToken}` },
  });
  expect(closed.statusCode).toBe(204);
}

describeEachDatabase('dormant-seat reclaim', (ctx) => {
  it('warns a seat idle N − 7 days exactly once, then frees it at N days, audited by the system, with a webhook', async () => {
    const org = await world(ctx(), { seats: 3, holders: 2, afterDays: 35 });
    const [idle, user] = org.members;
    if (!idle || !user) throw new Error('members missing');
    at(ctx(), 10);
    await openApp(ctx(), user, org.productKey);

    // 28 days (35 − 7) after the assignment, a seat never used is due for its warning, not a minute before.
    at(ctx(), 28 - 1 / 1440);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 0, reclaimed: 0 });
    at(ctx(), 28);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 1, reclaimed: 0 });
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 0, reclaimed: 0 });
    const mails = await warningMails(ctx(), org.orgId);
    expect(mails.map((mail) => mail.to_address)).toEqual([idle.email]);
    const freedOn = new Date(start + 35 * DAY_MS).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(mails[0]?.subject).toBe(`Your Sketch Studio seat will be freed on ${freedOn}`);
    expect(mails[0]?.text_body).toContain('To keep it, use the app');
    expect(mails[0]?.text_body).toContain('not been used for 28 days');

    at(ctx(), 35 - 1 / 1440);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 0, reclaimed: 0 });
    at(ctx(), 35);
    const auditBefore = await lastAuditId(ctx());
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 0, reclaimed: 1 });
    expect(await heldBy(ctx(), org.subscriptionId)).toEqual([user.id]);
    const owner = await ownerNow(ctx(), org);
    expect(await subscriptionOf(ctx(), owner, org.subscriptionId)).toMatchObject({ assigned: 1, available: 2 });
    const history = await ctx()
      .deps.database.db.selectFrom('seat_assignments')
      .select(['unassign_reason', 'unassigned_by', 'unassigned_at'])
      .where('subscription_id', '=', org.subscriptionId)
      .where('user_id', '=', idle.id)
      .execute();
    expect(history).toEqual([{ unassign_reason: 'dormant', unassigned_by: null, unassigned_at: start + 35 * DAY_MS }]);
    const audit = (await auditRowsSince(ctx(), org.orgId, auditBefore)).filter(
      (row) => row.action === 'seat.reclaimed',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'system', actor_label: 'seat reclaim job', target_id: idle.id });
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({
      subscriptionId: org.subscriptionId,
      reclaimAfterDays: 35,
      daysIdle: 35,
      lastUsedAt: null,
    });
    const events = await ctx()
      .deps.database.db.selectFrom('webhook_deliveries')
      .select(['event_type', 'payload'])
      .where('org_id', '=', org.orgId)
      .where('event_type', '=', 'seat.unassigned')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toContain(idle.id);
    expect(events[0]?.payload).toContain('dormant');

    // The one who used the app on day 10 follows the same clock from there: warned on 38, freed on 45.
    at(ctx(), 38);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 1, reclaimed: 0 });
    at(ctx(), 45);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 0, reclaimed: 1 });
    expect(await heldBy(ctx(), org.subscriptionId)).toEqual([]);
  });

  it('keeps a seat used after the warning and warns again later; counts a seat never used from its assignment', async () => {
    const org = await world(ctx(), { seats: 3, holders: 1, afterDays: 35 });
    const [member] = org.members;
    if (!member) throw new Error('member missing');
    at(ctx(), 20);
    const late = await createMember(ctx(), await ownerNow(ctx(), org), 'Late');
    expect((await assignSeat(ctx(), await ownerNow(ctx(), org), org.subscriptionId, late.id)).statusCode).toBe(201);

    at(ctx(), 28);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 1 });
    at(ctx(), 30);
    await openApp(ctx(), member, org.productKey);
    at(ctx(), 35);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 0, reclaimed: 0 });
    expect(await heldBy(ctx(), org.subscriptionId)).toEqual([member.id, late.id].sort());
    // The late holder's seat was given on day 20: warned on 48, not before.
    at(ctx(), 47);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 0, reclaimed: 0 });
    at(ctx(), 48);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 1, reclaimed: 0 });
    // The app used on day 30: the next warning on 58, the reclaim on 65; the late holder's seat went on 55.
    at(ctx(), 55);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 0, reclaimed: 1 });
    at(ctx(), 58);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 1, reclaimed: 0 });
    expect((await warningMails(ctx(), org.orgId)).map((mail) => mail.to_address)).toEqual([
      member.email,
      late.email,
      member.email,
    ]);
    at(ctx(), 65 - 1 / 1440);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ reclaimed: 0 });
    at(ctx(), 65);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ reclaimed: 1 });
    expect(await heldBy(ctx(), org.subscriptionId)).toEqual([]);
  });

  it('does nothing while the policy is off, and turning it off after a warning keeps the seat', async () => {
    const org = await world(ctx(), { seats: 2, holders: 1, afterDays: null });
    at(ctx(), 300);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 0, reclaimed: 0 });
    expect(await warningMails(ctx(), org.orgId)).toEqual([]);

    await setPolicy(ctx(), await ownerNow(ctx(), org), org.subscriptionId, 90);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 1, reclaimed: 0 });
    await setPolicy(ctx(), await ownerNow(ctx(), org), org.subscriptionId, null);
    at(ctx(), 320);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 0, reclaimed: 0 });
    expect(await heldBy(ctx(), org.subscriptionId)).toEqual(org.members.map((member) => member.id));
  });

  it('previews exactly the seats the job then warns and frees', async () => {
    const org = await world(ctx(), { seats: 8, holders: 5, afterDays: 35 });
    const [neverUsed, usedDay1, usedDay3, usedDay5, usedDay20] = org.members;
    if (!neverUsed || !usedDay1 || !usedDay3 || !usedDay5 || !usedDay20) throw new Error('members missing');
    for (const [member, day] of [
      [usedDay1, 1],
      [usedDay3, 3],
      [usedDay5, 5],
      [usedDay20, 20],
    ] as const) {
      at(ctx(), day);
      await openApp(ctx(), member, org.productKey);
    }
    at(ctx(), 30);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 2 });

    at(ctx(), 37);
    const owner = await ownerNow(ctx(), org);
    const preview = await ctx().app.inject({
      url: `/api/v1/subscriptions/${org.subscriptionId}/reclaim-preview`,
      headers: as(owner),
    });
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ afterDays: 35, policyAfterDays: 35, warningDays: 7, undoDays: 14 });
    const byAction = (action: string) =>
      body.items
        .filter((item: { action: string }) => item.action === action)
        .map((item: { user: { id: string } }) => item.user.id)
        .sort();
    expect(byAction('reclaim')).toEqual([neverUsed.id, usedDay1.id].sort());
    expect(byAction('warn')).toEqual([usedDay3.id, usedDay5.id].sort());
    expect(body.items).toHaveLength(4);
    expect(body).toMatchObject({ warnCount: 2, reclaimCount: 2 });
    expect(body.items[0]).toMatchObject({
      user: { id: neverUsed.id },
      lastUsedAt: null,
      daysIdle: 37,
      warnOn: new Date(start + 30 * DAY_MS).toISOString(),
      reclaimOn: new Date(start + 37 * DAY_MS).toISOString(),
    });
    const warnItem = body.items.find((item: { user: { id: string } }) => item.user.id === usedDay5.id);
    expect(warnItem).toMatchObject({ daysIdle: 32, reclaimOn: new Date(start + 44 * DAY_MS).toISOString() });

    const mailsBefore = (await warningMails(ctx(), org.orgId)).length;
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 2, reclaimed: 2 });
    const mails = (await warningMails(ctx(), org.orgId)).slice(mailsBefore).map((mail) => mail.to_address);
    expect(mails.sort()).toEqual([usedDay3.email, usedDay5.email].sort());
    expect(await heldBy(ctx(), org.subscriptionId)).toEqual([usedDay3.id, usedDay5.id, usedDay20.id].sort());

    // Another number previews without changing anything; 180 days: nobody yet.
    const longer = await ctx().app.inject({
      url: `/api/v1/subscriptions/${org.subscriptionId}/reclaim-preview?afterDays=180`,
      headers: as(owner),
    });
    expect(longer.json()).toMatchObject({ afterDays: 180, policyAfterDays: 35, items: [], warnCount: 0 });
    const tooShort = await ctx().app.inject({
      url: `/api/v1/subscriptions/${org.subscriptionId}/reclaim-preview?afterDays=6`,
      headers: as(owner),
    });
    expect(tooShort.statusCode).toBe(400);
  });

  it('undoes a reclaim for 14 days, once, only while a seat is free, audited', async () => {
    const org = await world(ctx(), { seats: 2, holders: 2, afterDays: 35 });
    const [first, second] = org.members;
    if (!first || !second) throw new Error('members missing');
    at(ctx(), 28);
    await runJob(ctx(), org.orgId);
    at(ctx(), 35);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ reclaimed: 2 });

    at(ctx(), 36);
    let owner = await ownerNow(ctx(), org);
    const listed = await ctx().app.inject({
      url: `/api/v1/subscriptions/${org.subscriptionId}/reclaims`,
      headers: as(owner),
    });
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as { assignmentId: string; user: { id: string }; undoUntil: string }[];
    expect(items.map((item) => item.user.id).sort()).toEqual([first.id, second.id].sort());
    expect(items[0]).toMatchObject({
      reclaimedAt: new Date(start + 35 * DAY_MS).toISOString(),
      undoUntil: new Date(start + 49 * DAY_MS).toISOString(),
      daysIdle: 35,
      status: 'reclaimed',
      canUndo: true,
    });
    const reclaimOf = (userId: string) => items.find((item) => item.user.id === userId)?.assignmentId;
    const undo = (assignmentId: string | undefined, session: Session) =>
      ctx().app.inject({
        method: 'POST',
        url: `/api/v1/subscriptions/${org.subscriptionId}/reclaims/${assignmentId}/undo`,
        headers: as(session),
      });

    // Both seats given to others meanwhile: no seat to give back.
    const others = [await createMember(ctx(), owner, 'Other A'), await createMember(ctx(), owner, 'Other B')];
    for (const other of others)
      expect((await assignSeat(ctx(), owner, org.subscriptionId, other.id)).statusCode).toBe(201);
    const full = await undo(reclaimOf(first.id), owner);
    expect(full.json()).toMatchObject({ status: 409, code: 'no-free-seat' });
    await ctx().app.inject({
      method: 'DELETE',
      url: `/api/v1/subscriptions/${org.subscriptionId}/assignments/${others[0]?.id}`,
      headers: as(owner),
    });

    const auditBefore = await lastAuditId(ctx());
    const undone = await undo(reclaimOf(first.id), owner);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ user: { id: first.id }, status: 'undone', canUndo: false });
    const audit = await auditRowsSince(ctx(), org.orgId, auditBefore);
    expect(audit.map((row) => row.action)).toEqual(['seat.reclaim_undone']);
    expect(audit[0]).toMatchObject({ actor_type: 'user', actor_id: org.ownerId, target_id: first.id });
    expect(await heldBy(ctx(), org.subscriptionId)).toContain(first.id);
    expect(await subscriptionOf(ctx(), owner, org.subscriptionId)).toMatchObject({ assigned: 2 });
    expect((await undo(reclaimOf(first.id), owner)).json()).toMatchObject({ status: 409, code: 'reclaim-undone' });
    const relisted = (
      await ctx().app.inject({ url: `/api/v1/subscriptions/${org.subscriptionId}/reclaims`, headers: as(owner) })
    ).json().items;
    expect(relisted.find((item: { user: { id: string } }) => item.user.id === first.id)).toMatchObject({
      status: 'undone',
    });

    // 14 days after the reclaim it is too late, even with a seat free.
    await ctx().app.inject({
      method: 'DELETE',
      url: `/api/v1/subscriptions/${org.subscriptionId}/assignments/${others[1]?.id}`,
      headers: as(owner),
    });
    at(ctx(), 49);
    owner = await ownerNow(ctx(), org);
    expect((await undo(reclaimOf(second.id), owner)).json()).toMatchObject({ status: 409, code: 'undo-expired' });
    at(ctx(), 49 - 1 / 1440);
    expect((await undo(reclaimOf(second.id), owner)).statusCode).toBe(200);
  });

  it('refuses to undo for a deactivated user, and answers 404 for another organization', async () => {
    const org = await world(ctx(), { seats: 2, holders: 1, afterDays: 35 });
    const [member] = org.members;
    if (!member) throw new Error('member missing');
    at(ctx(), 28);
    await runJob(ctx(), org.orgId);
    at(ctx(), 35);
    await runJob(ctx(), org.orgId);
    const owner = await ownerNow(ctx(), org);
    const [reclaim] = (
      await ctx().app.inject({ url: `/api/v1/subscriptions/${org.subscriptionId}/reclaims`, headers: as(owner) })
    ).json().items;
    await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${member.id}/deactivate`,
      headers: as(owner),
      payload: { reason: 'left_organization' },
    });
    const refused = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${org.subscriptionId}/reclaims/${reclaim.assignmentId}/undo`,
      headers: as(owner),
    });
    expect(refused.json()).toMatchObject({ status: 409, code: 'user-deactivated' });

    const stranger = await createOrgWithOwner(ctx(), 'Elsewhere');
    const strangerOwner = await signIn(ctx().app, stranger.email, stranger.password);
    for (const url of [
      `/api/v1/subscriptions/${org.subscriptionId}/reclaims`,
      `/api/v1/subscriptions/${org.subscriptionId}/reclaim-preview`,
    ]) {
      expect((await ctx().app.inject({ url, headers: as(strangerOwner) })).statusCode).toBe(404);
    }
    const foreignUndo = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${org.subscriptionId}/reclaims/${reclaim.assignmentId}/undo`,
      headers: as(strangerOwner),
    });
    expect(foreignUndo.statusCode).toBe(404);
  });

  it('warns and reclaims each seat once when two runs race', async () => {
    const org = await world(ctx(), { seats: 6, holders: 6, afterDays: 35 });
    at(ctx(), 28);
    // Two processes: the lease lets one run; either way each holder gets one mail.
    expect(await runJob(ctx(), org.orgId, ['process-a', 'process-b'])).toEqual({ warned: 6, reclaimed: 0 });
    at(ctx(), 35);
    const auditBefore = await lastAuditId(ctx());
    // The same holder twice: both runs go ahead, and the conditional updates alone decide.
    expect(await runJob(ctx(), org.orgId, ['process-a', 'process-a'])).toEqual({ warned: 0, reclaimed: 6 });
    const audit = await auditRowsSince(ctx(), org.orgId, auditBefore);
    expect(audit.filter((row) => row.action === 'seat.reclaimed')).toHaveLength(6);
    const owner = await ownerNow(ctx(), org);
    expect(await subscriptionOf(ctx(), owner, org.subscriptionId)).toMatchObject({ assigned: 0, available: 6 });
  });

  it('has no reclaim on a floating pool', async () => {
    const org = await world(ctx(), { seats: 2, holders: 0, afterDays: null });
    await ctx()
      .deps.database.db.updateTable('subscriptions')
      .set({ kind: 'floating' })
      .where('id', '=', org.subscriptionId)
      .execute();
    const preview = await ctx().app.inject({
      url: `/api/v1/subscriptions/${org.subscriptionId}/reclaim-preview`,
      headers: as(org.owner),
    });
    expect(preview.json()).toMatchObject({ status: 409, code: 'floating-subscription' });
  });
  it('runs the curl examples of docs/seat-reclaim.md as written', async () => {
    const org = await world(ctx(), { seats: 2, holders: 1, afterDays: null });
    const [member] = org.members;
    if (!member) throw new Error('member missing');
    const token = (
      await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/api-tokens',
        headers: as(org.owner),
        payload: { name: 'docs example', scope: 'full' },
      })
    ).json().token as string;
    const guide = fs.readFileSync(new URL('../../docs/seat-reclaim.md', import.meta.url), 'utf8');
    const commands = (guide.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '')
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter((line) => line.startsWith('curl '));
    expect(commands).toHaveLength(4);
    const variables: Record<string, string> = { TOKEN: token, SUBSCRIPTION: org.subscriptionId };
    const run = async (command: string | undefined) => {
      const expanded = (command ?? '').replace(/\$([A-Z]+)/g, (_, name: string) => variables[name] ?? '');
      const url = new URL(expanded.match(/"(https:[^"]+)"/)?.[1] ?? '');
      const body = expanded.match(/-d '([^']+)'/)?.[1];
      return ctx().app.inject({
        method: (expanded.match(/-X ([A-Z]+)/)?.[1] ?? 'GET') as 'GET' | 'POST' | 'PATCH',
        url: `${url.pathname}${url.search}`,
        headers: {
          authorization: expanded.match(/"Authorization: ([^"]+)"/)?.[1] ?? '',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { payload: body } : {}),
      });
    };
    // The seat was given on day 0; on day 85 a 90-day policy would warn its holder.
    at(ctx(), 85);
    const preview = await run(commands[0]);
    expect(preview.json()).toMatchObject({ afterDays: 90, policyAfterDays: null, warnCount: 1 });
    const turnedOn = await run(commands[1]);
    expect(turnedOn.json()).toMatchObject({ seatRules: { reclaimAfterDays: 90 } });
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ warned: 1 });
    at(ctx(), 92);
    expect(await runJob(ctx(), org.orgId)).toMatchObject({ reclaimed: 1 });
    const listed = await run(commands[2]);
    const [reclaim] = listed.json().items;
    expect(reclaim).toMatchObject({ user: { id: member.id }, canUndo: true });
    variables.ASSIGNMENT = reclaim.assignmentId;
    const undone = await run(commands[3]);
    expect(undone.json()).toMatchObject({ status: 'undone' });
    expect(await heldBy(ctx(), org.subscriptionId)).toEqual([member.id]);
  });
});
