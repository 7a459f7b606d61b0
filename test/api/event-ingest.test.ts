import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { INGEST_BATCH_MAX } from '../../src/contract/events.ts';
import { AGGREGATE_TABLES, rebuildReportAggregates } from '../../src/server/features/report-aggregates/index.ts';
import { insertUser, newUserRow } from '../../src/server/features/users/users.repository.ts';
import { createMember, MEMBER_PASSWORD } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
/** London in the MaxMind test database. */
const LONDON_IP = '81.2.69.142';

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; problem: { code: string; detail: string } }[];
}

interface World {
  orgId: string;
  owner: Session;
  token: string;
  readToken: string;
  userId: string;
  email: string;
  /** A member who can sign in to the console (not an owner). */
  memberEmail: string;
}

describeEachDatabase('event ingest (POST /api/v1/events)', (ctx) => {
  let world: World;
  let other: World;

  beforeAll(async () => {
    world = await createWorld(ctx(), 'Ingest');
    other = await createWorld(ctx(), 'Other');
  });

  const event = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: `key-${Math.random().toString(36).slice(2)}`,
    email: world.email,
    occurredAt: new Date(ctx().deps.now() - 10 * MINUTE).toISOString(),
    ip: LONDON_IP,
    userAgent: IPHONE,
    outcome: 'success',
    ...overrides,
  });

  function post(body: unknown, options: { token?: string; type?: string; raw?: string } = {}) {
    return ctx().app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: {
        authorization: `Bearer ${options.token ?? world.token}`,
        'content-type': options.type ?? 'application/json',
      },
      payload: options.raw ?? JSON.stringify(body),
    });
  }

  async function ingest(body: unknown, options: { token?: string; type?: string; raw?: string } = {}) {
    const response = await post(body, options);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as IngestAnswer;
  }

  it('stores a batch as sign-in attempts with device, location and method, in Activity and the sign-in log', async () => {
    const at = ctx().deps.now() - 2 * DAY;
    const answer = await ingest([
      event({ idempotencyKey: 'visible-1', occurredAt: new Date(at).toISOString() }),
      event({
        idempotencyKey: 'visible-2',
        occurredAt: new Date(at + MINUTE).toISOString(),
        ip: '198.51.100.9',
        userAgent: WINDOWS_CHROME,
        outcome: 'failure',
        failureReason: 'invalid_password',
      }),
    ]);
    expect(answer).toEqual({ accepted: 2, duplicates: 0, rejected: [] });

    const activity = await ctx().app.inject({
      url: `/api/v1/users/${world.userId}/activity`,
      headers: as(world.owner),
    });
    expect(activity.statusCode).toBe(200);
    const items = activity.json().items as Record<string, unknown>[];
    const phone = items.find((item) => item.ip === LONDON_IP && item.occurredAt === new Date(at).toISOString());
    expect(phone).toMatchObject({
      type: 'login',
      outcome: 'success',
      method: 'sso',
      device: { type: 'mobile', os: 'iOS', browser: 'Mobile Safari' },
      location: { countryCode: 'GB', city: 'London' },
      userAgent: IPHONE,
    });
    const failed = items.find((item) => item.ip === '198.51.100.9');
    expect(failed).toMatchObject({
      outcome: 'failure',
      failureReason: 'invalid_password',
      device: { type: 'desktop', os: 'Windows', browser: 'Chrome' },
    });

    const from = new Date(at - MINUTE).toISOString();
    const to = new Date(at + 2 * MINUTE).toISOString();
    const log = await ctx().app.inject({
      url: `/api/v1/sign-ins?from=${from}&to=${to}`,
      headers: as(world.owner),
    });
    expect(log.statusCode, log.body).toBe(200);
    expect((log.json().items as { email: string }[]).map((item) => item.email)).toEqual([world.email, world.email]);
  });

  it('answers the example of docs/event-ingest.md as the document says', async () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/event-ingest.md'), 'utf8');
    const [request = '', answer = ''] = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]);
    // The example's events are from November 2026: this organization keeps raw events for ten years.
    await ctx()
      .deps.database.db.updateTable('organizations')
      .set({ raw_event_retention_days: 3650 })
      .where('id', '=', world.orgId)
      .execute();
    const body = JSON.parse(request.replaceAll('owner@northwind.example', world.email));
    expect(await ingest(body)).toEqual(JSON.parse(answer));
  });

  it('counts a key sent before, or twice in one batch, once', async () => {
    const batch = [event({ idempotencyKey: 'twice-a' }), event({ idempotencyKey: 'twice-b' })];
    expect(await ingest(batch)).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await ingest(batch)).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    const inBatch = await ingest([event({ idempotencyKey: 'twice-c' }), event({ idempotencyKey: 'twice-c' })]);
    expect(inBatch).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    // The same key in another organization is that organization's own event.
    const elsewhere = await ingest([event({ idempotencyKey: 'twice-a', email: other.email })], {
      token: other.token,
    });
    expect(elsewhere).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(await attemptsWithKeys(ctx(), world.orgId, ['twice-a', 'twice-b', 'twice-c'])).toBe(3);
  });

  it('stores every key exactly once when 300 requests with overlapping keys race', async () => {
    const keys = Array.from({ length: 100 }, (_, index) => `race-${index}`);
    const user = await addMember(ctx(), world.orgId);
    const base = ctx().deps.now() - 3 * DAY;
    const batches = Array.from({ length: 300 }, (_, request) =>
      Array.from({ length: 10 }, (_, offset) => {
        const key = (request * 7 + offset * 13) % keys.length;
        return event({
          idempotencyKey: keys[key],
          email: user.email,
          occurredAt: new Date(base + key * MINUTE).toISOString(),
        });
      }),
    );
    const answers = await Promise.all(batches.map((batch) => ingest(batch)));
    const accepted = answers.reduce((sum, answer) => sum + answer.accepted, 0);
    const duplicates = answers.reduce((sum, answer) => sum + answer.duplicates, 0);
    const used = new Set(batches.flat().map((item) => item.idempotencyKey));
    expect(accepted).toBe(used.size);
    expect(accepted + duplicates).toBe(3000);
    expect(answers.every((answer) => answer.rejected.length === 0)).toBe(true);
    const stored = await ctx()
      .deps.database.db.selectFrom('sign_in_attempts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('org_id', '=', world.orgId)
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.count)).toBe(used.size);
  });

  it('lists each bad event with its reason and stores the rest', async () => {
    const now = ctx().deps.now();
    const answer = await ingest([
      event({ idempotencyKey: 'mixed-ok' }),
      event({ email: 'nobody@northwind.example' }),
      event({ email: other.email }),
      event({ ip: '999.1.2.3' }),
      event({ ip: 'localhost' }),
      event({ ip: '10.1' }),
      event({ occurredAt: '2026-02-30T10:00:00Z' }),
      event({ occurredAt: '0001-01-01T00:00:00Z' }),
      event({ occurredAt: '9999-12-31T23:59:59Z' }),
      event({ occurredAt: 'yesterday' }),
      event({ occurredAt: new Date(now + 60 * MINUTE).toISOString() }),
      event({ occurredAt: new Date(now - 4000 * DAY).toISOString() }),
      event({ outcome: 'maybe' }),
      event({ outcome: 'success', failureReason: 'invalid_password' }),
      event({ outcome: 'failure', failureReason: 'cosmic_rays' }),
      event({ idempotencyKey: '' }),
      event({ idempotencyKey: 42 }),
      event({ extra: true }),
      'not an object',
      null,
      event({ idempotencyKey: 'mixed-ok-2', userAgent: null }),
    ]);
    expect(answer.accepted).toBe(2);
    expect(answer.duplicates).toBe(0);
    expect(answer.rejected.map((item) => [item.index, item.problem.code])).toEqual([
      [1, 'unknown-user'],
      [2, 'unknown-user'],
      [3, 'invalid-event'],
      [4, 'invalid-event'],
      [5, 'invalid-event'],
      [6, 'invalid-event'],
      [7, 'invalid-event'],
      [8, 'invalid-event'],
      [9, 'invalid-event'],
      [10, 'occurred-at-out-of-range'],
      [11, 'occurred-at-out-of-range'],
      [12, 'invalid-event'],
      [13, 'invalid-event'],
      [14, 'invalid-event'],
      [15, 'invalid-event'],
      [16, 'invalid-event'],
      [17, 'invalid-event'],
      [18, 'invalid-event'],
      [19, 'invalid-event'],
    ]);
    const detailOf = (index: number) => answer.rejected.find((item) => item.index === index)?.problem.detail;
    expect(detailOf(3)).toContain('999.1.2.3');
    expect(detailOf(10)).toContain('5 minutes');
    expect(detailOf(17)).toContain('extra');
  });

  it('changes nothing for a batch of bad events, huge strings and control characters included', async () => {
    const before = await snapshot(ctx(), world.orgId);
    const huge = 'x'.repeat(1_000_000);
    const answer = await ingest([
      event({ userAgent: huge }),
      event({ idempotencyKey: huge.slice(0, 201) }),
      event({ email: `${huge.slice(0, 300)}@northwind.example` }),
      event({ ip: huge.slice(0, 100) }),
      event({ occurredAt: '2026-13-01T00:00:00Z' }),
    ]);
    expect(answer.accepted).toBe(0);
    expect(answer.rejected.map((item) => item.problem.code)).toEqual(Array(5).fill('invalid-event'));
    // PostgreSQL cannot store U+0000; the whole batch is refused before anything is written.
    const nul = await post([event({ idempotencyKey: 'nul-ok' }), event({ userAgent: 'Mozilla\u0000/5.0' })]);
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ code: 'invalid-request' });
    expect(nul.json().detail).toContain('body/1/userAgent');
    const broken = await post(undefined, { raw: '[{"idempotencyKey": "x",' });
    expect(broken.statusCode).toBe(400);
    expect(await snapshot(ctx(), world.orgId)).toEqual(before);
  });

  it('takes JSON lines, rejecting an unreadable line on its own', async () => {
    const lines = [
      JSON.stringify(event({ idempotencyKey: 'line-1' })),
      '',
      '{"idempotencyKey": "line-2", "email": ',
      JSON.stringify(event({ idempotencyKey: 'line-3' })),
      '',
    ].join('\n');
    const ndjson = await ingest(undefined, { type: 'application/x-ndjson', raw: lines });
    expect(ndjson.accepted).toBe(2);
    expect(ndjson.rejected).toEqual([
      { index: 1, problem: { code: 'invalid-event', detail: expect.stringContaining('JSON') } },
    ]);
    const jsonl = await ingest(undefined, {
      type: 'application/jsonl',
      raw: `${JSON.stringify(event({ idempotencyKey: 'line-1' }))}\r\n${JSON.stringify(event({ idempotencyKey: 'line-4' }))}`,
    });
    expect(jsonl).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
  });

  it('refuses more than 10,000 events in one batch and stores none', async () => {
    const before = await snapshot(ctx(), world.orgId);
    const batch = Array.from({ length: INGEST_BATCH_MAX + 1 }, (_, index) => event({ idempotencyKey: `big-${index}` }));
    const response = await post(batch);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'too-many-events' });
    expect(response.json().detail).toContain('10,000');
    expect(await snapshot(ctx(), world.orgId)).toEqual(before);
  });

  it('takes an owner’s API token of full scope or console session, nothing less', async () => {
    const read = await post([event()], { token: world.readToken });
    expect(read.statusCode).toBe(403);
    expect(read.json()).toMatchObject({ code: 'token-read-only' });
    const session = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: as(world.owner),
      payload: [event()],
    });
    expect(session.statusCode, session.body).toBe(200);
    const noCsrf = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: { cookie: world.owner.cookie },
      payload: [event()],
    });
    expect(noCsrf.statusCode).toBe(403);
    const member = await signIn(ctx().app, world.memberEmail, MEMBER_PASSWORD);
    const refused = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: as(member),
      payload: [event()],
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden' });
    const nobody = await post([event()], { token: 'skt_not_a_real_token_at_all_0000000000' });
    expect(nobody.statusCode).toBe(401);
  });

  it('refuses anyone but an owner before reading the body: no 400 for what only an owner may send', async () => {
    const member = await signIn(ctx().app, world.memberEmail, MEMBER_PASSWORD);
    const tooMany = JSON.stringify(Array.from({ length: 10_001 }, () => event()));
    const unread = [
      { headers: as(member), payload: tooMany, status: 403 },
      { headers: as(member), payload: '[{"not json', status: 403 },
      { headers: {}, payload: tooMany, status: 401 },
      { headers: { authorization: 'Bearer skt_not_a_real_token_at_all_0000000000' }, payload: '{', status: 401 },
    ];
    for (const { headers, payload, status } of unread) {
      const answer = await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: { ...headers, 'content-type': 'application/json' },
        payload,
      });
      expect(answer.statusCode, answer.body).toBe(status);
    }
  });

  it('raises alerts and keeps the report aggregates equal to a recount, for events days in the past', async () => {
    const user = await addMember(ctx(), world.orgId);
    const now = ctx().deps.now();
    const spread = Array.from({ length: 60 }, (_, index) =>
      event({
        idempotencyKey: `spread-${index}`,
        email: user.email,
        // Out of order, over the last 40 days, from two countries and two devices.
        occurredAt: new Date(now - ((index * 17) % 40) * DAY - index * MINUTE).toISOString(),
        ip: index % 3 === 0 ? LONDON_IP : '2.125.160.216',
        userAgent: index % 2 === 0 ? IPHONE : WINDOWS_CHROME,
        outcome: index % 4 === 0 ? 'failure' : 'success',
      }),
    );
    // Twelve wrong passwords within minutes: brute force on the account.
    const guesses = Array.from({ length: 12 }, (_, index) =>
      event({
        idempotencyKey: `guess-${index}`,
        email: user.email,
        occurredAt: new Date(now - 30 * MINUTE + index * 10_000).toISOString(),
        ip: '198.51.100.77',
        outcome: 'failure',
        failureReason: 'invalid_password',
      }),
    );
    const answer = await ingest([...spread, ...guesses]);
    expect(answer).toEqual({ accepted: 72, duplicates: 0, rejected: [] });
    const alerts = await ctx()
      .deps.database.db.selectFrom('alerts')
      .select(['type'])
      .where('org_id', '=', world.orgId)
      .where('user_id', '=', user.id)
      .execute();
    expect(alerts.map((alert) => alert.type)).toContain('brute_force');

    const oldest = spread.map((item) => Date.parse(item.occurredAt)).sort((a, b) => a - b)[0] ?? now;
    const day = new Date(oldest).toISOString().slice(0, 10);
    const orgDay = await ctx()
      .deps.database.db.selectFrom('org_daily_sign_ins')
      .selectAll()
      .where('org_id', '=', world.orgId)
      .where('day', '=', day)
      .executeTakeFirst();
    expect(orgDay).toBeDefined();

    const written = await aggregates(ctx(), world.orgId);
    await ctx()
      .deps.database.db.transaction()
      .execute((trx) => rebuildReportAggregates(trx, world.orgId));
    expect(await aggregates(ctx(), world.orgId)).toEqual(written);
  });
});

async function createWorld(context: TestContext, name: string): Promise<World> {
  const org = await createOrgWithOwner(context, name);
  const owner = await signIn(context.app, org.email, org.password);
  const token = async (scope: 'read' | 'full') => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: as(owner),
      payload: { name: `ingest ${scope}`, scope },
    });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { token: string }).token;
  };
  const member = await addMember(context, org.orgId);
  const console = await createMember(context, owner);
  return {
    orgId: org.orgId,
    owner,
    token: await token('full'),
    readToken: await token('read'),
    userId: member.id,
    email: member.email,
    memberEmail: console.email,
  };
}

async function addMember(context: TestContext, orgId: string) {
  const email = uniqueEmail('dana');
  const user = newUserRow({ orgId, email, name: 'Dana', role: 'member', passwordHash: null, now: context.deps.now() });
  await insertUser(context.deps.database.db, user);
  return { id: user.id, email };
}

async function attemptsWithKeys(context: TestContext, orgId: string, keys: string[]): Promise<number> {
  const db = context.deps.database.db;
  const claimed = await db
    .selectFrom('ingested_events')
    .select('idempotency_key')
    .where('org_id', '=', orgId)
    .where('idempotency_key', 'in', keys)
    .execute();
  return claimed.length;
}

/** Every row of the organization's report aggregates, in one order. */
async function aggregates(context: TestContext, orgId: string): Promise<Record<string, string[]>> {
  const db = context.deps.database.db;
  const tables: Record<string, string[]> = {};
  for (const table of AGGREGATE_TABLES) {
    const rows = await db.selectFrom(table).selectAll().where('org_id', '=', orgId).execute();
    tables[table] = rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
  }
  return tables;
}

/** What an ingest could change: the attempts, the keys, the alerts and the aggregates. */
async function snapshot(context: TestContext, orgId: string) {
  const db = context.deps.database.db;
  const count = async (table: 'sign_in_attempts' | 'ingested_events' | 'alerts') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('org_id', '=', orgId)
          .executeTakeFirstOrThrow()
      ).count,
    );
  return {
    attempts: await count('sign_in_attempts'),
    keys: await count('ingested_events'),
    alerts: await count('alerts'),
    aggregates: await aggregates(context, orgId),
  };
}
