import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, expect, it } from 'vitest';
import { recordAudit } from '../../src/server/features/audit-log/index.ts';
import { expectNoAuditRow, expectOneAuditRow } from '../helpers/audit.ts';
import {
  assignSeat,
  createMember,
  createSubscription,
  DEVICE,
  MEMBER_PASSWORD,
  startAppSession,
} from '../helpers/licenses.ts';
import { as, attemptSignIn, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

/** Addresses only the subject uses (none is a prefix of another, nor of the owner's 203.0.113.10). */
const LONDON = '81.2.69.142';
const FAILING = '198.51.100.23';
const SWEDEN = '89.160.20.112';
const APP_ADDRESS = '2.125.160.216';
const SUBJECT_ADDRESSES = [LONDON, FAILING, SWEDEN, APP_ADDRESS];
const SUBJECT_NAME = 'Zelda Quackenbush';
/** A device the subject was refused a seat on (seat_denials), apart from the app session's DEVICE. */
const DENIED_DEVICE = { id: 'laptop-c0ffee', name: 'Kitchen tablet' };
const USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15';

function codeAt(secret: string, at: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: at,
  });
}

/**
 * Every text column of every table (introspected, so a table added later is searched too) holding
 * `needle`, case-insensitively: `table.column` of each hit.
 */
async function findEverywhere(ctx: TestContext, needle: string): Promise<string[]> {
  const db = ctx.deps.database.db;
  const columns: { table: string; column: string }[] = [];
  if (ctx.kind === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    for (const { name } of tables.rows) {
      const info = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${name})`.execute(
        db,
      );
      for (const column of info.rows) {
        if (!/int|real|float|double|numeric/i.test(column.type)) columns.push({ table: name, column: column.name });
      }
    }
  } else {
    const info = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
    `.execute(db);
    for (const row of info.rows) columns.push({ table: row.table_name, column: row.column_name });
  }
  expect(columns.length).toBeGreaterThan(100);
  const hits: string[] = [];
  const pattern = `%${needle.toLowerCase()}%`;
  for (const { table, column } of columns) {
    const text = ctx.kind === 'sqlite' ? sql`cast(${sql.ref(column)} as text)` : sql`${sql.ref(column)}::text`;
    const found = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(table)} where lower(${text}) like ${pattern}
    `.execute(db);
    if (Number(found.rows[0]?.n ?? 0) > 0) hits.push(`${table}.${column}`);
  }
  return hits;
}

describeEachDatabase('privacy: export and erasure of a user’s personal data', (ctx) => {
  let orgId: string;
  let owner: Session;
  let subject: { id: string; email: string };
  let bystander: Session;
  let otherOwner: Session;
  let productKey: string;
  let today: string;

  const get = (session: Session, url: string) => ctx().app.inject({ url, headers: as(session) });
  const erase = (session: Session, userId: string) =>
    ctx().app.inject({ method: 'POST', url: `/api/v1/users/${userId}/erase`, headers: as(session) });

  beforeAll(async () => {
    const org = await createOrgWithOwner(ctx(), 'Privacy Co');
    orgId = org.orgId;
    owner = await signIn(ctx().app, org.email, org.password);
    const other = await createOrgWithOwner(ctx(), 'Elsewhere');
    otherOwner = await signIn(ctx().app, other.email, other.password);
    subject = await createMember(ctx(), owner, SUBJECT_NAME);
    const helper = await createMember(ctx(), owner, 'Bystander');
    bystander = await signIn(ctx().app, helper.email, MEMBER_PASSWORD);
    const subscription = await createSubscription(ctx(), orgId, { seats: 3 });
    productKey = subscription.productKey;
    expect((await assignSeat(ctx(), owner, subscription.subscriptionId, subject.id)).statusCode).toBe(201);
    today = new Date(ctx().deps.now()).toISOString().slice(0, 10);

    // A rich history: sign-ins from several places and browsers, failures, an app session (with a
    // named device), an alert (a new country an instant after London), mail, a second factor.
    await signIn(ctx().app, subject.email, MEMBER_PASSWORD, LONDON);
    for (let i = 0; i < 2; i += 1) {
      const failed = await attemptSignIn(ctx().app, subject.email, 'not the password at all', {
        remoteAddress: FAILING,
      });
      expect(failed.statusCode).toBe(401);
    }
    const fromSweden = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: subject.email, password: MEMBER_PASSWORD },
      remoteAddress: SWEDEN,
      headers: { 'user-agent': USER_AGENT },
    });
    expect(fromSweden.statusCode, fromSweden.body).toBe(200);
    const session = fromSweden.cookies.find((cookie) => cookie.name === 'sk_session');
    const subjectSession: Session = {
      cookie: `sk_session=${session?.value}`,
      csrfToken: (fromSweden.json() as { csrfToken: string }).csrfToken,
      userId: subject.id,
      deviceCookie: '',
    };
    const app = await startAppSession(
      ctx(),
      { email: subject.email, password: MEMBER_PASSWORD, appKey: productKey },
      APP_ADDRESS,
    );
    expect(app.statusCode, app.body).toBe(201);
    // A seat refused to the subject's second device, and one to the bystander (which erasure leaves alone).
    const denial = (userId: string, device: { id: string; name: string }) => ({
      org_id: orgId,
      subscription_id: subscription.subscriptionId,
      product_key: productKey,
      user_id: userId,
      device_id: device.id,
      device_name: device.name,
      reason: 'device_limit' as const,
      denied_at: ctx().deps.now(),
      outcome: 'gave_up' as const,
      resolved_at: ctx().deps.now(),
    });
    await ctx()
      .deps.database.db.insertInto('seat_denials')
      .values([denial(subject.id, DENIED_DEVICE), denial(helper.id, { id: 'bystander-pc', name: 'Bystander PC' })])
      .execute();
    const reset = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: subject.email.toUpperCase() },
      remoteAddress: FAILING,
    });
    expect(reset.statusCode).toBe(202);
    // An owner's action on the subject, its before/after naming them.
    await ctx()
      .deps.database.db.transaction()
      .execute((trx) =>
        recordAudit(
          trx,
          {
            type: 'user',
            userId: owner.userId,
            email: org.email,
            apiTokenId: null,
            ip: '203.0.113.10',
            userAgent: 'test',
          },
          {
            orgId,
            action: 'user.changed',
            target: { type: 'user', id: subject.id, label: subject.email },
            before: { name: SUBJECT_NAME, email: subject.email, lastAddress: SWEDEN },
            after: { name: `${SUBJECT_NAME} (contractor)`, email: subject.email, lastAddress: SWEDEN },
          },
          ctx().deps.now(),
        ),
      );
    // A mail to the subject, whatever the sign-ins above queued.
    await ctx()
      .deps.database.db.insertInto('email_outbox')
      .values({
        id: `privacy-test-${subject.id}`,
        org_id: orgId,
        kind: 'sign_in_confirmation',
        to_address: subject.email,
        subject: 'New sign-in to your account',
        text_body: `Hello ${SUBJECT_NAME}, someone signed in from ${SWEDEN}.`,
        html_body: null,
        created_at: ctx().deps.now(),
        send_after: ctx().deps.now(),
        sent_at: null,
        attempts: 0,
        last_error: null,
        claimed_until: null,
      })
      .execute();
    const started = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/me/mfa/totp',
      headers: as(subjectSession),
      remoteAddress: SWEDEN,
    });
    expect(started.statusCode, started.body).toBe(200);
    const { secret } = started.json() as { secret: string };
    const confirmed = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/me/mfa/totp/confirm',
      headers: as(subjectSession),
      remoteAddress: SWEDEN,
      payload: { code: codeAt(secret, ctx().deps.now()) },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
  });

  it('exports everything about the user as a JSON attachment, without secrets, audited once', async () => {
    const { row, result } = await expectOneAuditRow(ctx(), orgId, 'user.data_exported', () =>
      get(owner, `/api/v1/users/${subject.id}/export`),
    );
    expect(result.statusCode, result.body).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    expect(result.headers['content-disposition']).toBe(`attachment; filename="user-${subject.id}-${today}.json"`);
    expect(row).toMatchObject({ actor_id: owner.userId, target_type: 'user', target_id: subject.id });

    const document = result.json();
    expect(document.profile).toMatchObject({ id: subject.id, email: subject.email, name: SUBJECT_NAME });
    expect(document.seats).toHaveLength(1);
    expect(document.invitations).toHaveLength(1);
    const addresses = document.signInAttempts.map((attempt: { ip: string }) => attempt.ip);
    for (const ip of SUBJECT_ADDRESSES) expect(addresses).toContain(ip);
    expect(document.signInAttempts.filter((a: { outcome: string }) => a.outcome === 'failure')).toHaveLength(2);
    const london = document.signInAttempts.find((attempt: { ip: string }) => attempt.ip === LONDON);
    expect(london.location.city).toBe('London');
    expect(document.appSessions).toHaveLength(1);
    expect(document.appSessions[0].device).toMatchObject({ id: 'machine-7f3a', name: 'Studio workstation' });
    // The seat the app session took, and the seat refused to another of the subject's devices.
    expect(document.seatLeases).toHaveLength(1);
    expect(document.seatLeases[0]).toMatchObject({ device: { id: DEVICE.id, name: DEVICE.name }, releasedAt: null });
    expect(document.seatDenials).toEqual([
      expect.objectContaining({ app: productKey, device: DENIED_DEVICE, reason: 'device_limit', outcome: 'gave_up' }),
    ]);
    expect(document.consoleSessions.length).toBeGreaterThanOrEqual(1);
    expect(document.alerts.length).toBeGreaterThanOrEqual(1);
    expect(document.alerts[0].statusChanges).toEqual([]);
    expect(document.auditLog.map((entry: { action: string }) => entry.action)).toContain('user.changed');
    const kinds = document.secondFactors.map((factor: { kind: string }) => factor.kind);
    expect(kinds).toContain('totp');
    expect(kinds).toContain('recovery_code');
    expect(document.emails.map((mail: { subject: string }) => mail.subject)).toContain('New sign-in to your account');

    // No secret of any kind: hashes, the authenticator's secret, session and token hashes.
    const db = ctx().deps.database.db;
    const secrets = [
      ...(await db.selectFrom('users').select('password_hash as v').where('id', '=', subject.id).execute()),
      ...(await db.selectFrom('totp_factors').select('secret as v').where('user_id', '=', subject.id).execute()),
      ...(await db.selectFrom('recovery_codes').select('code_hash as v').where('user_id', '=', subject.id).execute()),
      ...(await db.selectFrom('sessions').select('id_hash as v').where('user_id', '=', subject.id).execute()),
      ...(await db.selectFrom('sessions').select('csrf_token as v').where('user_id', '=', subject.id).execute()),
      ...(await db.selectFrom('app_sessions').select('token_hash as v').where('user_id', '=', subject.id).execute()),
      ...(await db.selectFrom('invitations').select('token_hash as v').where('user_id', '=', subject.id).execute()),
    ].map((entry) => entry.v);
    expect(secrets.length).toBeGreaterThan(6);
    for (const secret of secrets) expect(result.body).not.toContain(secret);
    expect(result.body).not.toMatch(/argon2|password_hash|token_hash|"secret"/);
  });

  it('refuses members (403) and other organizations (404)', async () => {
    expect((await get(bystander, `/api/v1/users/${subject.id}/export`)).statusCode).toBe(403);
    expect((await erase(bystander, subject.id)).statusCode).toBe(403);
    const elsewhere = await get(otherOwner, `/api/v1/users/${subject.id}/export`);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().code).toBe('not-found');
    expect((await erase(otherOwner, subject.id)).statusCode).toBe(404);
    expect((await get(owner, '/api/v1/users/00000000-0000-4000-8000-000000000000/export')).statusCode).toBe(404);
  });

  it('refuses to erase an active user (409) and changes nothing', async () => {
    const db = ctx().deps.database.db;
    const before = await db.selectFrom('users').selectAll().where('id', '=', subject.id).executeTakeFirstOrThrow();
    const answer = await expectNoAuditRow(ctx(), orgId, () => erase(owner, subject.id));
    expect(answer.statusCode).toBe(409);
    expect(answer.json().code).toBe('user-not-deactivated');
    expect(await db.selectFrom('users').selectAll().where('id', '=', subject.id).executeTakeFirstOrThrow()).toEqual(
      before,
    );
  });

  it('erases a deactivated user: no trace of the email, name or addresses anywhere, the totals unchanged', async () => {
    const deactivated = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${subject.id}/deactivate`,
      headers: as(owner),
      payload: { reason: 'other', note: `${SUBJECT_NAME} asked to be forgotten` },
    });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    // The needles are really there before (so the search below can find them).
    expect(await findEverywhere(ctx(), subject.email)).toContain('users.email');
    expect(await findEverywhere(ctx(), LONDON)).toContain('sign_in_attempts.ip');

    // The whole history: everything above happened in the last few days.
    const from = new Date(ctx().deps.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const range = `from=${from}&to=${today}`;
    const report = async (name: string) => {
      const answer = await get(owner, `/api/v1/reports/${name}?${range}`);
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json();
    };
    const reports = async () => ({
      logins: await report('logins'),
      usage: await report('app-usage'),
      security: await report('security'),
    });
    const totalsOf = (report: Awaited<ReturnType<typeof reports>>) => ({
      logins: report.logins.rows
        .map((row: Record<string, unknown>) => ({
          user: row.userId,
          total: row.total,
          successful: row.successful,
          failed: row.failed,
          lastSignInAt: row.lastSignInAt,
          devices: row.distinctDevices,
          countries: row.distinctCountries,
        }))
        .sort((a: { user: string }, b: { user: string }) => a.user.localeCompare(b.user)),
      loginSeries: report.logins.series,
      usage: report.usage.rows
        .map((row: Record<string, unknown>) => [row.userId, row.app, row.activeDays, row.sessions, row.hours])
        .sort(),
      apps: report.usage.apps,
      usageSeries: report.usage.series,
      failedByAddress: report.security.ips.reduce((sum: number, row: { failed: number }) => sum + row.failed, 0),
      securityRows: report.security.rows
        .map((row: Record<string, unknown>) => [row.userId, row.failed, row.throttled, row.distinctDevices])
        .sort(),
      securitySeries: report.security.series,
      alerts: report.security.alerts,
    });
    const before = totalsOf(await reports());
    expect(before.logins.find((row: { user: string }) => row.user === subject.id)).toMatchObject({ failed: 2 });

    const { row, result } = await expectOneAuditRow(ctx(), orgId, 'user.erased', () => erase(owner, subject.id));
    expect(result.statusCode, result.body).toBe(200);
    const erased = result.json();
    expect(erased.user).toMatchObject({
      id: subject.id,
      email: `erased-${subject.id}@erased.invalid`,
      name: 'Erased user',
      status: 'deactivated',
      deactivationNote: null,
    });
    expect(row).toMatchObject({ target_type: 'user', target_id: subject.id, target_label: 'Erased user' });
    expect(JSON.stringify(row).toLowerCase()).not.toContain(subject.email.toLowerCase());
    expect(JSON.stringify(row)).not.toContain(SUBJECT_NAME);

    const devices = [DEVICE.id, DEVICE.name, DENIED_DEVICE.id, DENIED_DEVICE.name];
    for (const needle of [subject.email, SUBJECT_NAME, 'Quackenbush', ...SUBJECT_ADDRESSES, ...devices]) {
      expect(await findEverywhere(ctx(), needle), needle).toEqual([]);
    }
    expect(totalsOf(await reports())).toEqual(before);

    // What only served the person is gone; the app device's name too.
    const db = ctx().deps.database.db;
    for (const table of ['sessions', 'totp_factors', 'recovery_codes', 'invitations'] as const) {
      expect(await db.selectFrom(table).selectAll().where('user_id', '=', subject.id).execute(), table).toEqual([]);
    }
    const appSession = await db
      .selectFrom('app_sessions')
      .selectAll()
      .where('user_id', '=', subject.id)
      .executeTakeFirst();
    expect(appSession).toMatchObject({ device_name: null, city: null, ip: '2.125.160.0' });
    expect(appSession?.device_id).toMatch(/^erased-[0-9a-f]{16}$/);
    // Its place is kept to whole degrees (Boxford, 51.75 / -1.25): far-apart uses still tell seat sharing.
    expect([appSession?.latitude, appSession?.longitude].map(Number)).toEqual([52, -1]);
    // The lease and the denial stay (the seat reports count them), under the same device stand-in as
    // the session's; the bystander's denial keeps its device.
    const lease = await db.selectFrom('seat_leases').selectAll().where('user_id', '=', subject.id).executeTakeFirst();
    expect(lease).toMatchObject({ device_id: appSession?.device_id, device_name: null });
    const denials = await db
      .selectFrom('seat_denials')
      .select(['user_id', 'device_id', 'device_name', 'reason'])
      .where('org_id', '=', orgId)
      .orderBy('user_id')
      .execute();
    expect(denials).toHaveLength(2);
    expect(denials.find((row) => row.user_id === subject.id)).toMatchObject({
      device_id: expect.stringMatching(/^erased-[0-9a-f]{16}$/),
      device_name: null,
      reason: 'device_limit',
    });
    expect(denials.find((row) => row.user_id !== subject.id)).toMatchObject({
      device_id: 'bystander-pc',
      device_name: 'Bystander PC',
    });
  });

  it('the erased user cannot sign in, and erasing twice answers 409', async () => {
    const withOldEmail = await attemptSignIn(ctx().app, subject.email, MEMBER_PASSWORD, {
      remoteAddress: '192.0.2.77',
    });
    expect(withOldEmail.statusCode).toBe(401);
    const withNewEmail = await attemptSignIn(ctx().app, `erased-${subject.id}@erased.invalid`, MEMBER_PASSWORD, {
      remoteAddress: '192.0.2.77',
    });
    expect(withNewEmail.statusCode).toBe(401);
    const again = await expectNoAuditRow(ctx(), orgId, () => erase(owner, subject.id));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('user-already-erased');
    // The export still answers, with the placeholder identity.
    const exported = await get(owner, `/api/v1/users/${subject.id}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.json().profile).toMatchObject({ name: 'Erased user', erasedAt: expect.any(String) });
    const audit = await get(owner, `/api/v1/audit-log?target=${subject.id}&action=user.erased`);
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items).toHaveLength(1);
    // Nobody is left to bring back: reactivation is refused and changes nothing.
    const reactivated = await expectNoAuditRow(ctx(), orgId, () =>
      ctx().app.inject({
        method: 'POST',
        url: `/api/v1/users/${subject.id}/reactivate`,
        headers: as(owner),
        payload: {},
      }),
    );
    expect(reactivated.statusCode).toBe(409);
    expect(reactivated.json().code).toBe('user-erased');
  });
});
