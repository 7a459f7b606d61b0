import { expect, it } from 'vitest';
import { insertSignInAttempts, type NewSignInAttempt } from '../../src/server/features/activity/activity.repository.ts';
import { addressKey } from '../../src/server/features/activity/address-key.ts';
import { insertAppSession } from '../../src/server/features/app-sessions/app-sessions.repository.ts';
import { recordAudit } from '../../src/server/features/audit-log/index.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addSignInAggregates, requestReportRebuild } from '../../src/server/features/report-aggregates/index.ts';
import { RETENTION_JOB, runRetention } from '../../src/server/features/retention/index.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { expectNoAuditRow, expectOneAuditRow } from '../helpers/audit.ts';
import { createMember, MEMBER_PASSWORD } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { describeEachDatabase, OWNER_PASSWORD, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

/** The instant every purge in this file runs at (ms); events are placed relative to it. */
const NOW = Date.now();

async function organization(context: TestContext) {
  const ownerEmail = uniqueEmail('owner');
  const { organization, ownerId } = await createOrganization(context.deps.database.db, {
    name: 'Retention Co',
    timeZone: 'UTC',
    ownerEmail,
    ownerPassword: OWNER_PASSWORD,
  });
  const owner = await signIn(context.app, ownerEmail, OWNER_PASSWORD);
  return { orgId: organization.id, ownerId, owner };
}

function patchPrivacy(context: TestContext, owner: Session, payload: unknown) {
  return context.app.inject({
    method: 'PATCH',
    url: '/api/v1/organization/privacy',
    headers: as(owner),
    payload: payload as Record<string, unknown>,
  });
}

function attempt(
  orgId: string,
  userId: string,
  at: number,
  overrides: Partial<NewSignInAttempt> = {},
): NewSignInAttempt {
  return {
    org_id: orgId,
    user_id: userId,
    email: 'owner@example.com',
    occurred_at: at,
    outcome: 'success',
    failure_reason: null,
    client: 'console',
    app_key: null,
    app_version: null,
    ip: '198.51.100.77',
    country_code: 'DE',
    country: 'Germany',
    region: null,
    city: 'Berlin',
    latitude: null,
    longitude: null,
    asn: null,
    as_organization: null,
    device_type: 'desktop',
    os: 'Windows',
    os_version: null,
    browser: 'Chrome',
    browser_version: null,
    device_id: null,
    device_name: null,
    user_agent: null,
    risk: '[]',
    ...overrides,
  };
}

/** Stores attempts and counts them in the reports, as a sign-in does (one transaction). */
async function record(context: TestContext, attempts: NewSignInAttempt[]) {
  await context.deps.database.db.transaction().execute(async (trx) => {
    await insertSignInAttempts(trx, attempts);
    await addSignInAggregates(trx, attempts);
  });
}

function purge(context: TestContext, options: { batchSize?: number } = {}) {
  return runRetention(context.deps.database.db, { now: () => NOW, holder: 'retention-test', ...options });
}

async function attemptsOf(context: TestContext, orgId: string) {
  return context.deps.database.db
    .selectFrom('sign_in_attempts')
    .select(['occurred_at', 'ip', 'ip_key', 'risk_details'])
    .where('org_id', '=', orgId)
    .orderBy('occurred_at')
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, occurred_at: Number(row.occurred_at) })));
}

/** A report without the instant it was made. */
function withoutTime(report: Record<string, unknown>) {
  const { generatedAt: _, ...rest } = report;
  return rest;
}

function dayOf(ms: number) {
  return new Date(ms).toISOString().slice(0, 10);
}

async function appSession(
  context: TestContext,
  orgId: string,
  userId: string,
  startedAt: number,
  endedAt: number | null,
) {
  return insertAppSession(context.deps.database.db, {
    org_id: orgId,
    user_id: userId,
    subscription_id: 'sub-1',
    app_key: 'designer',
    app_version: '1.0',
    token_hash: `${orgId}-${startedAt}-${Math.random()}`,
    heartbeat_interval_s: 60,
    started_at: startedAt,
    last_heartbeat_at: endedAt ?? startedAt,
    ended_at: endedAt,
    end_reason: endedAt === null ? null : 'signed_out',
    usage_counted_until: endedAt ?? startedAt,
    ip: '2001:db8:1234:5678::9',
    country_code: null,
    country: null,
    region: null,
    city: null,
    latitude: null,
    longitude: null,
    asn: null,
    as_organization: null,
    device_type: 'desktop',
    device_id: null,
    device_name: null,
    os: null,
    os_version: null,
  });
}

async function auditRowAt(context: TestContext, orgId: string, ownerId: string, at: number) {
  await context.deps.database.db
    .transaction()
    .execute((trx) =>
      recordAudit(
        trx,
        { type: 'user', userId: ownerId, email: 'o@example.com', apiTokenId: null, ip: '203.0.113.99', userAgent: 'x' },
        { orgId, action: 'settings.changed', target: { type: 'organization', id: orgId } },
        at,
      ),
    );
}

describeEachDatabase('retention and IP anonymisation', (ctx) => {
  it('shows the defaults and changes them (owners), with one audit row holding before and after', async () => {
    const { orgId, owner } = await organization(ctx());
    const read = await ctx().app.inject({ url: '/api/v1/organization/privacy', headers: as(owner) });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      rawEventsDays: 365,
      auditLogDays: 730,
      ipAnonymisation: { mode: 'never', afterDays: 30 },
    });
    expect(Date.parse(read.json().nextPurgeAt)).toBeGreaterThan(ctx().deps.now());

    const { row, result } = await expectOneAuditRow(ctx(), orgId, 'privacy_settings.changed', () =>
      patchPrivacy(ctx(), owner, { rawEventsDays: 90, ipAnonymisation: { mode: 'after', afterDays: 7 } }),
    );
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json()).toMatchObject({
      rawEventsDays: 90,
      auditLogDays: 730,
      ipAnonymisation: { mode: 'after', afterDays: 7 },
    });
    expect(JSON.parse(row.before ?? '')).toEqual({
      rawEventsDays: 365,
      ipAnonymisation: 'never',
      ipAnonymiseAfterDays: 30,
    });
    expect(JSON.parse(row.after ?? '')).toEqual({
      rawEventsDays: 90,
      ipAnonymisation: 'after',
      ipAnonymiseAfterDays: 7,
    });
    expect(row.actor_type).toBe('user');

    const again = await ctx().app.inject({ url: '/api/v1/organization/privacy', headers: as(owner) });
    expect(again.json().rawEventsDays).toBe(90);

    const member = await createMember(ctx(), owner);
    const memberSession = await signIn(ctx().app, member.email, MEMBER_PASSWORD);
    expect(
      (await ctx().app.inject({ url: '/api/v1/organization/privacy', headers: as(memberSession) })).statusCode,
    ).toBe(403);
    expect((await patchPrivacy(ctx(), memberSession, { rawEventsDays: 30 })).statusCode).toBe(403);
  });

  it('refuses settings out of bounds or malformed with 400, changing nothing', async () => {
    const { orgId, owner } = await organization(ctx());
    for (const payload of [
      {},
      { rawEventsDays: 0 },
      { rawEventsDays: 3651 },
      { rawEventsDays: 1.5 },
      { rawEventsDays: 1e300 },
      { rawEventsDays: '30' },
      { auditLogDays: 29 },
      { auditLogDays: 1e20 },
      { ipAnonymisation: { mode: 'sometimes', afterDays: 30 } },
      { ipAnonymisation: { mode: 'after', afterDays: 0 } },
      { ipAnonymisation: { mode: 'after' } },
      { ipAnonymisation: { mode: 'never\u0000', afterDays: 30 } },
      { rawEventsDays: 30, extra: true },
    ]) {
      const response = await expectNoAuditRow(ctx(), orgId, () => patchPrivacy(ctx(), owner, payload));
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const read = await ctx().app.inject({ url: '/api/v1/organization/privacy', headers: as(owner) });
    expect(read.json().rawEventsDays).toBe(365);
  });

  it('deletes attempts past raw retention, keeps the one exactly at it, and the reports answer the same', async () => {
    const { orgId, ownerId, owner } = await organization(ctx());
    const boundary = NOW - 365 * DAY_MS;
    const past = boundary - 1;
    const failure = { outcome: 'failure' as const, failure_reason: 'wrong_password' };
    await record(ctx(), [
      attempt(orgId, ownerId, past - DAY_MS, failure),
      attempt(orgId, ownerId, past),
      attempt(orgId, ownerId, boundary),
    ]);
    // A "was this you?" link about the deleted attempt goes with it.
    const [deletedId] = await ctx()
      .deps.database.db.selectFrom('sign_in_attempts')
      .select('id')
      .where('org_id', '=', orgId)
      .where('occurred_at', '=', past)
      .execute()
      .then((rows) => rows.map((row) => Number(row.id)));
    await ctx()
      .deps.database.db.insertInto('sign_in_confirmations')
      .values({
        token_hash: `confirm-${orgId}`,
        org_id: orgId,
        user_id: ownerId,
        sign_in_id: deletedId ?? 0,
        created_at: past,
        expires_at: past + DAY_MS,
        used_at: null,
      })
      .execute();
    const report = () =>
      ctx().app.inject({
        url: `/api/v1/reports/logins?from=${dayOf(past - 2 * DAY_MS)}&to=${dayOf(boundary + DAY_MS)}`,
        headers: as(owner),
      });
    const before = await report();
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().series.reduce((sum: number, day: { successful: number }) => sum + day.successful, 0)).toBe(2);

    const outcome = await purge(ctx());
    expect(outcome.status).toBe('done');
    const kept = await attemptsOf(ctx(), orgId);
    expect(kept.map((row) => row.occurred_at).filter((at) => at < NOW - DAY_MS)).toEqual([boundary]);
    const confirmations = await ctx()
      .deps.database.db.selectFrom('sign_in_confirmations')
      .select('token_hash')
      .where('org_id', '=', orgId)
      .execute();
    expect(confirmations).toEqual([]);
    const after = await report();
    expect(withoutTime(after.json())).toEqual(withoutTime(before.json()));

    // The run recorded itself, and one audit row for this organization with its counts.
    const lease = await ctx()
      .deps.database.db.selectFrom('job_leases')
      .selectAll()
      .where('name', '=', RETENTION_JOB)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(lease.last_result ?? '{}').totals.signInAttemptsDeleted).toBeGreaterThanOrEqual(2);
    const audit = await ctx()
      .deps.database.db.selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('action', '=', 'retention.purged')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_type).toBe('system');
    expect(audit[0]?.actor_label).toBe('retention job');
    expect(JSON.parse(audit[0]?.after ?? '{}')).toEqual({ signInAttemptsDeleted: 2 });
    const settings = await ctx().app.inject({ url: '/api/v1/organization/privacy', headers: as(owner) });
    expect(settings.json().lastPurge).toMatchObject({ deleted: 2, anonymised: 0 });

    // The aggregates are now the only record of the purged sign-ins: a new time zone would recount the
    // reports from the stored attempts and lose them, so it is refused and nothing changes.
    const zoneBefore = (await ctx().app.inject({ url: '/api/v1/organization', headers: as(owner) })).json().timeZone;
    const moved = await expectNoAuditRow(ctx(), orgId, () =>
      ctx().app.inject({
        method: 'PATCH',
        url: '/api/v1/organization',
        headers: as(owner),
        payload: { timeZone: zoneBefore === 'Asia/Tokyo' ? 'Europe/Berlin' : 'Asia/Tokyo' },
      }),
    );
    expect(moved.statusCode).toBe(409);
    expect(moved.json().code).toBe('reports-history-purged');
    expect((await ctx().app.inject({ url: '/api/v1/organization', headers: as(owner) })).json().timeZone).toBe(
      zoneBefore,
    );
    expect(withoutTime((await report()).json())).toEqual(withoutTime(before.json()));
  });

  it('deletes ended app sessions past retention, never an open one', async () => {
    const { orgId, ownerId, owner } = await organization(ctx());
    expect((await patchPrivacy(ctx(), owner, { rawEventsDays: 30 })).statusCode).toBe(200);
    const old = NOW - 40 * DAY_MS;
    const endedLongAgo = await appSession(ctx(), orgId, ownerId, old, old + 3_600_000);
    const stillOpen = await appSession(ctx(), orgId, ownerId, old, null);
    const endedAtBoundary = await appSession(ctx(), orgId, ownerId, old, NOW - 30 * DAY_MS);
    await purge(ctx());
    const left = await ctx()
      .deps.database.db.selectFrom('app_sessions')
      .select('id')
      .where('org_id', '=', orgId)
      .orderBy('id')
      .execute();
    expect(left.map((row) => Number(row.id))).toEqual([stillOpen, endedAtBoundary]);
    expect(left.map((row) => Number(row.id))).not.toContain(endedLongAgo);
  });

  it('keeps the audit log by its own retention, apart from raw events', async () => {
    const { orgId, ownerId, owner } = await organization(ctx());
    expect((await patchPrivacy(ctx(), owner, { rawEventsDays: 1, auditLogDays: 30 })).statusCode).toBe(200);
    await auditRowAt(ctx(), orgId, ownerId, NOW - 30 * DAY_MS - 1);
    await auditRowAt(ctx(), orgId, ownerId, NOW - 30 * DAY_MS);
    await auditRowAt(ctx(), orgId, ownerId, NOW - 2 * DAY_MS);
    await purge(ctx());
    const rows = await ctx()
      .deps.database.db.selectFrom('audit_log')
      .select(['occurred_at', 'action'])
      .where('org_id', '=', orgId)
      .where('action', '=', 'settings.changed')
      .orderBy('occurred_at')
      .execute();
    expect(rows.map((row) => Number(row.occurred_at))).toEqual([NOW - 30 * DAY_MS, NOW - 2 * DAY_MS]);
  });

  it('cuts addresses older than N days (after), keeps newer ones whole, and the reports answer the same', async () => {
    const { orgId, ownerId, owner } = await organization(ctx());
    const changed = await patchPrivacy(ctx(), owner, { ipAnonymisation: { mode: 'after', afterDays: 30 } });
    expect(changed.statusCode).toBe(200);
    const boundary = NOW - 30 * DAY_MS;
    const evidence = JSON.stringify([
      {
        flag: 'deactivated_account',
        explanation: 'Someone tried from 198.51.100.77.',
        earlier: null,
        distanceKm: null,
        elapsedHours: null,
        speedKmh: null,
        failures: null,
        network: null,
      },
    ]);
    const failure = { outcome: 'failure' as const, failure_reason: 'wrong_password' };
    await record(ctx(), [
      attempt(orgId, ownerId, boundary - 1, { risk_details: evidence }),
      attempt(orgId, ownerId, boundary, { risk_details: evidence }),
      // Two addresses of one /24 failing the same day: their per-address counts merge.
      attempt(orgId, ownerId, boundary - 5 * DAY_MS, { ...failure, ip: '198.51.100.5' }),
      attempt(orgId, ownerId, boundary - 5 * DAY_MS + 1000, { ...failure, ip: '198.51.100.6' }),
    ]);
    const oldSession = await appSession(ctx(), orgId, ownerId, boundary - 1, boundary + 1000);
    const newSession = await appSession(ctx(), orgId, ownerId, boundary, null);
    await auditRowAt(ctx(), orgId, ownerId, boundary - 1);
    await auditRowAt(ctx(), orgId, ownerId, boundary);
    const report = () =>
      ctx().app.inject({
        url: `/api/v1/reports/logins?from=${dayOf(boundary - 6 * DAY_MS)}&to=${dayOf(boundary + DAY_MS)}`,
        headers: as(owner),
      });
    const reportBefore = (await report()).json();

    const outcome = await purge(ctx());
    expect(outcome.status).toBe('done');
    const rows = (await attemptsOf(ctx(), orgId)).filter((row) => row.occurred_at <= boundary);
    expect(rows.map((row) => [row.occurred_at - boundary, row.ip, row.ip_key])).toEqual([
      [-5 * DAY_MS, '198.51.100.0', addressKey('198.51.100.0')],
      [-5 * DAY_MS + 1000, '198.51.100.0', addressKey('198.51.100.0')],
      [-1, '198.51.100.0', addressKey('198.51.100.0')],
      [0, '198.51.100.77', addressKey('198.51.100.77')],
    ]);
    expect(JSON.parse(rows[2]?.risk_details ?? '[]')[0].explanation).toBe('Someone tried from 198.51.100.0.');
    expect(JSON.parse(rows[3]?.risk_details ?? '[]')[0].explanation).toBe('Someone tried from 198.51.100.77.');

    const sessions = await ctx()
      .deps.database.db.selectFrom('app_sessions')
      .select(['id', 'ip'])
      .where('org_id', '=', orgId)
      .orderBy('id')
      .execute();
    expect(sessions.map((row) => [Number(row.id), row.ip])).toEqual([
      [oldSession, '2001:db8:1234::'],
      [newSession, '2001:db8:1234:5678::9'],
    ]);
    const audit = await ctx()
      .deps.database.db.selectFrom('audit_log')
      .select(['occurred_at', 'ip'])
      .where('org_id', '=', orgId)
      .where('action', '=', 'settings.changed')
      .orderBy('occurred_at')
      .execute();
    expect(audit.map((row) => row.ip)).toEqual(['203.0.113.0', '203.0.113.99']);

    const failures = await ctx()
      .deps.database.db.selectFrom('daily_failed_sign_ins')
      .select(['day', 'ip', 'failed'])
      .where('org_id', '=', orgId)
      .execute();
    expect(failures.map((row) => [row.day, row.ip, Number(row.failed)])).toEqual([
      [dayOf(boundary - 5 * DAY_MS), '198.51.100.0', 2],
    ]);
    expect(withoutTime((await report()).json())).toEqual(withoutTime(reportBefore));

    // A second run finds nothing left to cut (the watermark moved past it).
    const second = await purge(ctx());
    expect(second.status === 'done' && second.result.byOrganization[orgId]).toBeFalsy();
  });

  it('with "always", stores new sign-ins and app sessions cut, and the job cuts what came before', async () => {
    const { orgId, ownerId, owner } = await organization(ctx());
    await record(ctx(), [attempt(orgId, ownerId, NOW - DAY_MS, { ip: '203.0.113.45' })]);
    expect((await patchPrivacy(ctx(), owner, { ipAnonymisation: { mode: 'always', afterDays: 30 } })).statusCode).toBe(
      200,
    );
    await signIn(ctx().app, (await ownerEmailOf(ctx(), ownerId)) ?? '', OWNER_PASSWORD, '203.0.113.77');
    const sessionId = await appSession(ctx(), orgId, ownerId, NOW - 1000, null);
    const stored = await attemptsOf(ctx(), orgId);
    const newest = stored[stored.length - 1];
    expect(newest?.ip).toBe('203.0.113.0');
    expect(newest?.ip_key).toBe(addressKey('203.0.113.0'));
    expect(stored.find((row) => row.occurred_at === NOW - DAY_MS)?.ip).toBe('203.0.113.45');
    const session = await ctx()
      .deps.database.db.selectFrom('app_sessions')
      .select('ip')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(session.ip).toBe('2001:db8:1234::');
    // The owner's own actions too: the audit row of the next change keeps only the network.
    const { row } = await expectOneAuditRow(ctx(), orgId, 'privacy_settings.changed', () =>
      ctx().app.inject({
        method: 'PATCH',
        url: '/api/v1/organization/privacy',
        headers: as(owner),
        remoteAddress: '198.51.100.23',
        payload: { ipAnonymisation: { mode: 'always', afterDays: 31 } },
      }),
    );
    expect(row.ip).toBe('198.51.100.0');

    await purge(ctx());
    // Every address up to the run's instant is cut (the owner's first sign-in came before "always").
    const after = (await attemptsOf(ctx(), orgId)).filter((row) => row.occurred_at <= NOW);
    expect(after.map((row) => row.ip)).toEqual(['203.0.113.0']);
  });

  it('cuts an old spraying alert’s address everywhere it is written, its subject and dedupe key included', async () => {
    const { orgId, owner } = await organization(ctx());
    expect((await patchPrivacy(ctx(), owner, { ipAnonymisation: { mode: 'after', afterDays: 30 } })).statusCode).toBe(
      200,
    );
    const at = NOW - 40 * DAY_MS;
    const alert = (id: string, ip: string, seenAt: number) => ({
      id,
      org_id: orgId,
      type: 'password_spraying',
      severity: 'high',
      status: 'open' as const,
      user_id: null,
      ip,
      subject_key: ip,
      dedupe_key: `password_spraying:${ip}:${seenAt}`,
      summary: `${ip} failed on 6 accounts in 60 minutes.`,
      details: JSON.stringify({ ip, accounts: 6 }),
      event_count: 6,
      first_seen_at: seenAt,
      last_seen_at: seenAt,
      created_at: seenAt,
      updated_at: seenAt,
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: null,
      resolved_by: null,
      note: null,
    });
    const db = ctx().deps.database.db;
    // Two addresses of one network, both past the line, and a recent one.
    await db
      .insertInto('alerts')
      .values([
        alert(`${orgId}-a`, '203.0.113.41', at),
        alert(`${orgId}-b`, '203.0.113.42', at + 1),
        alert(`${orgId}-c`, '203.0.113.43', NOW - DAY_MS),
      ])
      .execute();
    expect((await purge(ctx())).status).toBe('done');
    const rows = await db
      .selectFrom('alerts')
      .select(['id', 'ip', 'subject_key', 'dedupe_key', 'summary', 'details'])
      .where('org_id', '=', orgId)
      .orderBy('id')
      .execute();
    expect(rows.map((row) => [row.ip, row.subject_key, row.dedupe_key])).toEqual([
      ['203.0.113.0', '203.0.113.0', null],
      ['203.0.113.0', '203.0.113.0', null],
      ['203.0.113.43', '203.0.113.43', `password_spraying:203.0.113.43:${NOW - DAY_MS}`],
    ]);
    expect(rows[0]?.summary).toBe('203.0.113.0 failed on 6 accounts in 60 minutes.');
    expect(JSON.parse(rows[1]?.details ?? '{}').ip).toBe('203.0.113.0');
  });

  it('leaves the attempts of an organization whose reports are being recounted for the next run', async () => {
    const { orgId, ownerId } = await organization(ctx());
    const old = NOW - 400 * DAY_MS;
    await record(ctx(), [attempt(orgId, ownerId, old), attempt(orgId, ownerId, old + 1000)]);
    const db = ctx().deps.database.db;
    // A changed time zone's recount reads the raw attempts user by user: deleting some under it would
    // drop them from the reports for good.
    await db.transaction().execute((trx) => requestReportRebuild(trx, orgId, NOW));
    const during = await purge(ctx());
    expect(during.status === 'done' && during.result.byOrganization[orgId]).toBeFalsy();
    expect((await attemptsOf(ctx(), orgId)).filter((row) => row.occurred_at <= old + 1000)).toHaveLength(2);
    const organizationRow = () =>
      db.selectFrom('organizations').select('sign_ins_purged_before').where('id', '=', orgId).executeTakeFirstOrThrow();
    expect(Number((await organizationRow()).sign_ins_purged_before)).toBe(0);

    await db.updateTable('report_rebuilds').set({ status: 'done' }).where('org_id', '=', orgId).execute();
    const after = await purge(ctx());
    expect(after.status === 'done' && after.result.byOrganization[orgId]).toEqual({ deleted: 2, anonymised: 0 });
    expect(Number((await organizationRow()).sign_ins_purged_before)).toBe(NOW - 365 * DAY_MS);
  });

  it('a purge of more rows than one batch deletes all of them', async () => {
    const { orgId, ownerId } = await organization(ctx());
    const old = NOW - 400 * DAY_MS;
    await record(
      ctx(),
      Array.from({ length: 25 }, (_, index) => attempt(orgId, ownerId, old + index * 1000)),
    );
    const outcome = await purge(ctx(), { batchSize: 4 });
    expect(outcome.status === 'done' && outcome.result.byOrganization[orgId]).toEqual({ deleted: 25, anonymised: 0 });
    const left = (await attemptsOf(ctx(), orgId)).filter((row) => row.occurred_at < NOW - 365 * DAY_MS);
    expect(left).toEqual([]);
  });

  it('runs only under the lease: a second holder is told who holds it, and takes it once expired', async () => {
    const db = ctx().deps.database.db;
    await db.deleteFrom('job_leases').where('name', '=', RETENTION_JOB).execute();
    await db
      .insertInto('job_leases')
      .values({ name: RETENTION_JOB, holder: 'other-process', expires_at: NOW + 1 })
      .execute();
    const held = await purge(ctx());
    expect(held).toEqual({ status: 'lease-held', holder: 'other-process', expiresAt: NOW + 1 });
    await db.updateTable('job_leases').set({ expires_at: NOW }).where('name', '=', RETENTION_JOB).execute();
    expect((await purge(ctx())).status).toBe('done');
    const lease = await db
      .selectFrom('job_leases')
      .selectAll()
      .where('name', '=', RETENTION_JOB)
      .executeTakeFirstOrThrow();
    expect(lease.holder).toBe('retention-test');
    expect(Number(lease.expires_at)).toBe(0);
  });
});

async function ownerEmailOf(context: TestContext, userId: string) {
  const row = await context.deps.database.db
    .selectFrom('users')
    .select('email')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.email;
}
