import { expect, it } from 'vitest';
import { INGEST_FUTURE_SLACK_MS } from '../../src/contract/events.ts';
import { insertSignInAttempts, type NewSignInAttempt } from '../../src/server/features/activity/activity.repository.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addSignInAggregates, requestReportRebuild } from '../../src/server/features/report-aggregates/index.ts';
import { runRetention } from '../../src/server/features/retention/index.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { createSubscription } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { describeEachDatabase, OWNER_PASSWORD, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

/**
 * The retention job over the tables added after it (docs/retention.md): released seat leases go
 * with the app sessions' window, live ones never; idempotency keys of ingested events go once a
 * re-sent event would be refused anyway; seat denials stay (the seat reports read them raw) but
 * lose their device past raw retention.
 */

/** The instant the purges with fixed times run at (ms); rows are placed relative to it. */
const NOW = Date.now();

async function organization(context: TestContext, rawEventsDays?: number) {
  const ownerEmail = uniqueEmail('owner');
  const { organization, ownerId } = await createOrganization(context.deps.database.db, {
    name: 'Seat Retention Co',
    timeZone: 'UTC',
    ownerEmail,
    ownerPassword: OWNER_PASSWORD,
  });
  const owner = await signIn(context.app, ownerEmail, OWNER_PASSWORD);
  if (rawEventsDays !== undefined) {
    const changed = await context.app.inject({
      method: 'PATCH',
      url: '/api/v1/organization/privacy',
      headers: as(owner),
      payload: { rawEventsDays },
    });
    expect(changed.statusCode, changed.body).toBe(200);
  }
  const { subscriptionId, productKey } = await createSubscription(context, organization.id, { seats: 5 });
  return { orgId: organization.id, ownerId, ownerEmail, owner, subscriptionId, productKey };
}

type Org = Awaited<ReturnType<typeof organization>>;

function purge(context: TestContext, options: { batchSize?: number; now?: () => number } = {}) {
  return runRetention(context.deps.database.db, { now: () => NOW, holder: 'seat-retention-test', ...options });
}

/** A lease taken at `takenAt`, released at `releasedAt` (null: still held), with its device. */
async function lease(context: TestContext, org: Org, takenAt: number, releasedAt: number | null, borrowed = false) {
  const row = await context.deps.database.db
    .insertInto('seat_leases')
    .values({
      org_id: org.orgId,
      subscription_id: org.subscriptionId,
      user_id: org.ownerId,
      app_session_id: null,
      device_id: `device-${takenAt}`,
      device_name: 'Front desk PC',
      taken_at: takenAt,
      borrowed_at: borrowed ? takenAt : null,
      borrowed_until: borrowed ? NOW + 7 * DAY_MS : null,
      signing_key_id: null,
      released_at: releasedAt,
      release_reason: releasedAt === null ? null : 'session_ended',
      released_by: null,
      release_note: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function leaseIds(context: TestContext, orgId: string) {
  const rows = await context.deps.database.db
    .selectFrom('seat_leases')
    .select('id')
    .where('org_id', '=', orgId)
    .orderBy('id')
    .execute();
  return rows.map((row) => Number(row.id));
}

type Device = { id: string | null; name: string | null };

/** A denial at `deniedAt` of the device (its id and name); answers its id. */
async function denial(context: TestContext, org: Org, deniedAt: number, device: Device = KIOSK) {
  const row = await context.deps.database.db
    .insertInto('seat_denials')
    .values({
      org_id: org.orgId,
      subscription_id: org.subscriptionId,
      product_key: org.productKey,
      user_id: org.ownerId,
      device_id: device.id,
      device_name: device.name,
      reason: 'pool_full',
      denied_at: deniedAt,
      outcome: 'gave_up',
      resolved_at: deniedAt + 1_800_000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const KIOSK: Device = { id: 'kiosk-1', name: 'Kiosk' };

/** Each of the organization's denials (by id) with the device it names now. */
async function denialDevices(context: TestContext, orgId: string) {
  const rows = await context.deps.database.db
    .selectFrom('seat_denials')
    .select(['id', 'device_id', 'device_name'])
    .where('org_id', '=', orgId)
    .execute();
  return Object.fromEntries(rows.map((row) => [Number(row.id), { id: row.device_id, name: row.device_name }]));
}

async function keyAt(context: TestContext, orgId: string, key: string, ingestedAt: number) {
  await context.deps.database.db
    .insertInto('ingested_events')
    .values({ org_id: orgId, idempotency_key: key, ingested_at: ingestedAt })
    .execute();
}

async function keysOf(context: TestContext, orgId: string) {
  const rows = await context.deps.database.db
    .selectFrom('ingested_events')
    .select('idempotency_key')
    .where('org_id', '=', orgId)
    .orderBy('idempotency_key')
    .execute();
  return rows.map((row) => row.idempotency_key);
}

async function purgedAudit(context: TestContext, orgId: string) {
  const rows = await context.deps.database.db
    .selectFrom('audit_log')
    .select('after')
    .where('org_id', '=', orgId)
    .where('action', '=', 'retention.purged')
    .execute();
  return rows.map((row) => JSON.parse(row.after ?? '{}'));
}

function ingest(context: TestContext, owner: Session, events: unknown[]) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { ...as(owner), 'content-type': 'application/json' },
    payload: JSON.stringify(events),
  });
}

describeEachDatabase('retention of seat leases, seat denials and ingested events', (ctx) => {
  it('deletes released leases past raw retention in batches; live and borrowed ones and newer ones stay', async () => {
    const org = await organization(ctx(), 30);
    const other = await organization(ctx());
    const boundary = NOW - 30 * DAY_MS;
    const old = NOW - 40 * DAY_MS;
    const gone = [
      await lease(ctx(), org, old - DAY_MS, old),
      await lease(ctx(), org, old, old + 1000),
      await lease(ctx(), org, old, boundary - 1),
    ];
    const kept = [
      await lease(ctx(), org, old, boundary),
      await lease(ctx(), org, NOW - DAY_MS, NOW - 1000),
      // Held for more than a year, and borrowed since long ago: seats in use, never history.
      await lease(ctx(), org, NOW - 400 * DAY_MS, null),
      await lease(ctx(), org, NOW - 100 * DAY_MS, null, true),
    ];
    // Another organization keeps raw events 365 days: its lease released 40 days ago stays.
    const othersOld = await lease(ctx(), other, old, old + 1000);
    const othersAncient = await lease(ctx(), other, NOW - 400 * DAY_MS, NOW - 366 * DAY_MS);

    const outcome = await purge(ctx(), { batchSize: 2 });
    expect(outcome.status).toBe('done');
    expect(await leaseIds(ctx(), org.orgId)).toEqual(kept);
    for (const id of gone) expect(await leaseIds(ctx(), org.orgId)).not.toContain(id);
    expect(await leaseIds(ctx(), other.orgId)).toEqual([othersOld]);
    expect(await leaseIds(ctx(), other.orgId)).not.toContain(othersAncient);
    if (outcome.status !== 'done') return;
    expect(outcome.result.byOrganization[org.orgId]).toEqual({ deleted: 3, anonymised: 0 });
    expect(outcome.result.totals.seatLeasesDeleted).toBeGreaterThanOrEqual(4);
    expect(await purgedAudit(ctx(), org.orgId)).toEqual([{ seatLeasesDeleted: 3 }]);
    const settings = await ctx().app.inject({ url: '/api/v1/organization/privacy', headers: as(org.owner) });
    expect(settings.json().lastPurge).toMatchObject({ deleted: 3, anonymised: 0 });

    // The next run finds nothing more of this organization's.
    const again = await purge(ctx(), { batchSize: 2 });
    expect(again.status === 'done' && again.result.byOrganization[org.orgId]).toBeFalsy();
    expect(await leaseIds(ctx(), org.orgId)).toEqual(kept);
  });

  it('keeps seat denials of any age, but clears the device of those past raw retention, in batches', async () => {
    const org = await organization(ctx(), 30);
    const other = await organization(ctx());
    const boundary = NOW - 30 * DAY_MS;
    const old = NOW - 40 * DAY_MS;
    const cleared = [
      await denial(ctx(), org, old),
      await denial(ctx(), org, boundary - 1, { id: 'laptop-2', name: 'Dana’s laptop' }),
      // A device known by its name alone still names it.
      await denial(ctx(), org, old, { id: null, name: 'Reception PC' }),
    ];
    const atBoundary = await denial(ctx(), org, boundary);
    const recent = await denial(ctx(), org, NOW - DAY_MS);
    // Another organization keeps raw events 365 days: its denial 40 days old keeps its device.
    const othersOld = await denial(ctx(), other, old);

    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const report = async () => {
      const answer = await ctx().app.inject({
        url: `/api/v1/reports/denials?from=${day(NOW - 45 * DAY_MS)}&to=${day(NOW)}`,
        headers: as(org.owner),
      });
      expect(answer.statusCode, answer.body).toBe(200);
      const { generatedAt: _, ...rest } = answer.json();
      return rest;
    };
    const before = await report();
    expect(before.rows.reduce((sum: number, row: { total: number }) => sum + row.total, 0)).toBe(5);

    const outcome = await purge(ctx(), { batchSize: 2 });
    expect(outcome.status).toBe('done');
    const none = { id: null, name: null };
    expect(await denialDevices(ctx(), org.orgId)).toEqual({
      [cleared[0] as number]: none,
      [cleared[1] as number]: none,
      [cleared[2] as number]: none,
      [atBoundary]: KIOSK,
      [recent]: KIOSK,
    });
    expect(await denialDevices(ctx(), other.orgId)).toEqual({ [othersOld]: KIOSK });
    // The denials are all there: the reports answer the same.
    expect(await report()).toEqual(before);

    if (outcome.status !== 'done') return;
    expect(outcome.result.byOrganization[org.orgId]).toEqual({ deleted: 0, anonymised: 3 });
    expect(outcome.result.byOrganization[other.orgId]).toBeUndefined();
    expect(await purgedAudit(ctx(), org.orgId)).toEqual([{ seatDenialDevicesAnonymised: 3 }]);
    const settings = await ctx().app.inject({ url: '/api/v1/organization/privacy', headers: as(org.owner) });
    expect(settings.statusCode, settings.body).toBe(200);
    expect(settings.json().lastPurge).toMatchObject({ deleted: 0, anonymised: 3 });

    // The next run finds nothing more to clear in this organization.
    const again = await purge(ctx(), { batchSize: 2 });
    expect(again.status === 'done' && again.result.byOrganization[org.orgId]).toBeFalsy();
    expect(await report()).toEqual(before);
  });

  it('deletes idempotency keys once a re-sent event would be refused as too old, per organization', async () => {
    const org = await organization(ctx(), 30);
    const other = await organization(ctx());
    const line = NOW - 30 * DAY_MS - INGEST_FUTURE_SLACK_MS;
    await keyAt(ctx(), org.orgId, 'a-long-ago', NOW - 100 * DAY_MS);
    await keyAt(ctx(), org.orgId, 'b-just-past', line - 1);
    // Its event may have happened up to INGEST_FUTURE_SLACK_MS after the key came: still in the window.
    await keyAt(ctx(), org.orgId, 'c-at-the-line', line);
    await keyAt(ctx(), org.orgId, 'd-yesterday', NOW - DAY_MS);
    await keyAt(ctx(), other.orgId, 'e-elsewhere', NOW - 100 * DAY_MS);

    const outcome = await purge(ctx(), { batchSize: 1 });
    expect(outcome.status === 'done' && outcome.result.byOrganization[org.orgId]).toEqual({
      deleted: 2,
      anonymised: 0,
    });
    expect(await keysOf(ctx(), org.orgId)).toEqual(['c-at-the-line', 'd-yesterday']);
    expect(await keysOf(ctx(), other.orgId)).toEqual(['e-elsewhere']);
    expect(await purgedAudit(ctx(), org.orgId)).toEqual([{ ingestedEventKeysDeleted: 2 }]);
  });

  it('an old event sent again after its key was purged is refused, not stored and counted twice', async () => {
    const org = await organization(ctx(), 30);
    const clock = ctx().clock;
    // 100 days ago, the organization ingested an event of that day.
    clock.offsetMs = -100 * DAY_MS;
    const event = {
      idempotencyKey: `entra:${org.orgId}`,
      email: org.ownerEmail,
      occurredAt: new Date(ctx().deps.now() - 3_600_000).toISOString(),
      ip: '81.2.69.142',
      userAgent: null,
      outcome: 'success',
    };
    try {
      const then = await signIn(ctx().app, org.ownerEmail, OWNER_PASSWORD);
      const first = await ingest(ctx(), then, [event]);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    } finally {
      clock.offsetMs = 0;
    }
    expect(await keysOf(ctx(), org.orgId)).toEqual([event.idempotencyKey]);

    const outcome = await purge(ctx(), { now: () => ctx().deps.now() });
    expect(outcome.status).toBe('done');
    expect(await keysOf(ctx(), org.orgId)).toEqual([]);

    const now = await signIn(ctx().app, org.ownerEmail, OWNER_PASSWORD);
    const attemptsOfEvent = () =>
      ctx()
        .deps.database.db.selectFrom('sign_in_attempts')
        .select('id')
        .where('org_id', '=', org.orgId)
        .where('occurred_at', '=', Date.parse(event.occurredAt))
        .execute();
    expect(await attemptsOfEvent()).toEqual([]);
    // Sent again: refused as older than the organization keeps sign-ins; and still refused once the
    // retention is raised past it, since retention already purged that stretch.
    for (const rawEventsDays of [30, 365]) {
      const raised = await ctx().app.inject({
        method: 'PATCH',
        url: '/api/v1/organization/privacy',
        headers: as(now),
        payload: { rawEventsDays },
      });
      expect(raised.statusCode, raised.body).toBe(200);
      const again = await ingest(ctx(), now, [event]);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({
        accepted: 0,
        duplicates: 0,
        rejected: [{ index: 0, problem: { code: 'occurred-at-out-of-range' } }],
      });
    }
    expect(await attemptsOfEvent()).toEqual([]);
  });

  it('keeps the keys while a recount keeps the attempts, and deletes them with the attempts after', async () => {
    const org = await organization(ctx());
    const old = NOW - 400 * DAY_MS;
    const attempt: NewSignInAttempt = {
      org_id: org.orgId,
      user_id: org.ownerId,
      email: org.ownerEmail,
      occurred_at: old,
      outcome: 'success',
      failure_reason: null,
      client: 'console',
      app_key: null,
      app_version: null,
      ip: '198.51.100.77',
      country_code: null,
      country: null,
      region: null,
      city: null,
      latitude: null,
      longitude: null,
      asn: null,
      as_organization: null,
      device_type: 'desktop',
      os: null,
      os_version: null,
      browser: null,
      browser_version: null,
      device_id: null,
      device_name: null,
      user_agent: null,
      risk: '[]',
    };
    const db = ctx().deps.database.db;
    await db.transaction().execute(async (trx) => {
      await insertSignInAttempts(trx, [attempt]);
      await addSignInAggregates(trx, [attempt]);
    });
    await keyAt(ctx(), org.orgId, 'imported-long-ago', old);
    await db.transaction().execute((trx) => requestReportRebuild(trx, org.orgId, NOW));

    const during = await purge(ctx());
    expect(during.status === 'done' && during.result.byOrganization[org.orgId]).toBeFalsy();
    expect(await keysOf(ctx(), org.orgId)).toEqual(['imported-long-ago']);

    await db.updateTable('report_rebuilds').set({ status: 'done' }).where('org_id', '=', org.orgId).execute();
    const after = await purge(ctx());
    expect(after.status === 'done' && after.result.byOrganization[org.orgId]).toEqual({ deleted: 2, anonymised: 0 });
    expect(await keysOf(ctx(), org.orgId)).toEqual([]);
    expect(await purgedAudit(ctx(), org.orgId)).toEqual([{ signInAttemptsDeleted: 1, ingestedEventKeysDeleted: 1 }]);
  });
});
