import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import type { AlertSeverity } from '../../src/contract/security.ts';
import type { RaisedAlert } from '../../src/server/features/alerts/index.ts';
import {
  createNotificationWorkers,
  MAX_EMAIL_ATTEMPTS,
  queueAlertNotifications,
} from '../../src/server/features/notifications/index.ts';
import { DEFAULT_SECURITY_SETTINGS } from '../../src/server/features/security-settings/index.ts';
import { MINUTE_MS } from '../../src/server/lib/time.ts';
import { as, signIn } from '../helpers/session.ts';
import { decodeQuotedPrintable, startSmtpSink } from '../helpers/smtp-sink.ts';
import { createOrgWithOwner, describeEachDatabase, OWNER_PASSWORD, type TestContext } from '../helpers/test-app.ts';

// One SMTP sink for the file: the app's SMTP_URL points at it.
const smtp = await startSmtpSink();
afterAll(() => smtp.close());

const PUBLIC_URL = 'https://seats.example.com';

/** An open alert row, as the alerts feature would write it in a sign-in's transaction. */
async function insertAlert(context: TestContext, orgId: string, severity: AlertSeverity, at: number) {
  const id = randomUUID();
  await context.deps.database.db
    .insertInto('alerts')
    .values({
      id,
      org_id: orgId,
      type: 'password_spraying',
      severity,
      status: 'open',
      user_id: null,
      ip: '198.51.100.7',
      subject_key: `198.51.100.7:${id}`,
      dedupe_key: id,
      summary: `One address failed on many accounts (${id.slice(0, 8)}).`,
      details: '{}',
      event_count: 1,
      first_seen_at: at,
      last_seen_at: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return {
    id,
    orgId,
    type: 'password_spraying',
    severity,
    explanation: 'One address failed on many accounts.',
    opened: true,
    userId: null,
    ip: '198.51.100.7',
  } satisfies RaisedAlert;
}

async function raise(
  context: TestContext,
  orgId: string,
  alerts: RaisedAlert[],
  settings = DEFAULT_SECURITY_SETTINGS,
  now = context.deps.now(),
) {
  await context.deps.database.db
    .transaction()
    .execute((trx) => queueAlertNotifications(trx, { orgId, alerts, settings, now }));
}

async function addOwner(context: TestContext, owner: Awaited<ReturnType<typeof signIn>>) {
  const email = `second-owner-${randomUUID()}@example.com`;
  const created = await context.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: as(owner),
    payload: { email, name: 'Second Owner', role: 'owner' },
  });
  const { invitation } = created.json() as { invitation: { token: string } };
  const accepted = await context.app.inject({
    method: 'POST',
    url: `/api/v1/invitations/${invitation.token}/accept`,
    payload: { password: OWNER_PASSWORD },
  });
  expect(accepted.statusCode).toBe(200);
  return email;
}

const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));

describeEachDatabase(
  'notifications by e-mail',
  (ctx) => {
    it('says mail is configured (SMTP_URL) and private webhook addresses are refused by default', async () => {
      const org = await createOrgWithOwner(ctx());
      const owner = await signIn(ctx().app, org.email, org.password);
      const status = await ctx().app.inject({ url: '/api/v1/notifications/status', headers: as(owner) });
      expect(status.statusCode).toBe(200);
      expect(status.json()).toEqual({ emailConfigured: true, privateWebhookUrlsAllowed: false });
      expect((await ctx().app.inject({ url: '/api/v1/notifications/status' })).statusCode).toBe(401);
    });

    it('mails every owner one digest for a storm: 1,000 alerts in an hour at 15 minutes is 5 mails each, every alert counted once', async () => {
      const org = await createOrgWithOwner(ctx(), 'Storm');
      const owner = await signIn(ctx().app, org.email, org.password);
      const second = await addOwner(ctx(), owner);
      const workers = createNotificationWorkers(ctx().deps);
      const start = Date.parse('2030-03-01T10:00:00Z');
      ctx().clock.frozenAtMs = start;
      ctx().clock.offsetMs = 0;
      try {
        // 1,000 alerts over one hour: 16 or 17 each minute from 10:00 to 10:59; the sender ticks every minute up to 11:00.
        let raised = 0;
        for (let minute = 0; minute <= 60; minute += 1) {
          const now = start + minute * MINUTE_MS;
          ctx().clock.frozenAtMs = now;
          const count = minute === 60 ? 0 : Math.round(((minute + 1) * 1000) / 60) - Math.round((minute * 1000) / 60);
          const alerts = [];
          for (let index = 0; index < count; index += 1) alerts.push(await insertAlert(ctx(), org.orgId, 'high', now));
          await raise(ctx(), org.orgId, alerts);
          raised += count;
          await workers.runOnce();
        }
        expect(raised).toBe(1000);
        for (const address of [org.email, second]) {
          const mails = mailsTo(address);
          expect(mails).toHaveLength(5);
          const counted = mails.map((mail) => Number(/: (\d+) new security alerts?/.exec(mail.subject)?.[1]));
          expect(counted.reduce((sum, n) => sum + n, 0)).toBe(1000);
          expect(mails[0]?.subject).toMatch(/for Storm \(\d+ high\)$/);
          const body = decodeQuotedPrintable(mails[0]?.raw ?? '');
          expect(body).toContain(`${PUBLIC_URL}/security?alert=`);
          expect(body).toContain('[HIGH] One address failed on many accounts');
        }
      } finally {
        workers.close();
        ctx().clock.frozenAtMs = undefined;
      }
    });

    it('waits the whole digest window: nothing at 14:59.999, the next digest at 15:00', async () => {
      const org = await createOrgWithOwner(ctx(), 'Window');
      const workers = createNotificationWorkers(ctx().deps);
      const start = Date.parse('2030-04-01T08:00:00Z');
      ctx().clock.frozenAtMs = start;
      try {
        await raise(ctx(), org.orgId, [await insertAlert(ctx(), org.orgId, 'medium', start)]);
        expect((await workers.runOnce()).digests).toBe(1);
        expect(mailsTo(org.email)).toHaveLength(1);
        ctx().clock.frozenAtMs = start + MINUTE_MS;
        await raise(ctx(), org.orgId, [await insertAlert(ctx(), org.orgId, 'medium', start + MINUTE_MS)]);
        ctx().clock.frozenAtMs = start + 15 * MINUTE_MS - 1;
        expect((await workers.runOnce()).digests).toBe(0);
        expect(mailsTo(org.email)).toHaveLength(1);
        ctx().clock.frozenAtMs = start + 15 * MINUTE_MS;
        expect((await workers.runOnce()).digests).toBe(1);
        expect(mailsTo(org.email)).toHaveLength(2);
        expect(mailsTo(org.email)[1]?.subject).toBe('Seatkeeper: 1 new security alert for Window');
        // Nothing pending: no mail, however much later.
        ctx().clock.frozenAtMs = start + 60 * MINUTE_MS;
        expect((await workers.runOnce()).digests).toBe(0);
      } finally {
        workers.close();
        ctx().clock.frozenAtMs = undefined;
      }
    });

    it('mails only alerts at or above the minimum severity, and none when owners are not mailed', async () => {
      const org = await createOrgWithOwner(ctx(), 'Severity');
      const workers = createNotificationWorkers(ctx().deps);
      try {
        const now = ctx().deps.now();
        await raise(ctx(), org.orgId, [
          await insertAlert(ctx(), org.orgId, 'low', now),
          await insertAlert(ctx(), org.orgId, 'medium', now),
        ]);
        const quiet = { ...DEFAULT_SECURITY_SETTINGS.notifications, emailOwners: false };
        await raise(ctx(), org.orgId, [await insertAlert(ctx(), org.orgId, 'high', now)], {
          ...DEFAULT_SECURITY_SETTINGS,
          notifications: quiet,
        });
        // An alert that only gained evidence (not opened) is never mailed again.
        await raise(ctx(), org.orgId, [{ ...(await insertAlert(ctx(), org.orgId, 'high', now)), opened: false }]);
        await workers.runOnce();
        const mails = mailsTo(org.email);
        expect(mails).toHaveLength(1);
        expect(mails[0]?.subject).toBe('Seatkeeper: 1 new security alert for Severity');
        expect(decodeQuotedPrintable(mails[0]?.raw ?? '')).toContain('[MEDIUM]');
      } finally {
        workers.close();
      }
    });

    it('retries a mail the server refused, with growing waits, and records why', async () => {
      const org = await createOrgWithOwner(ctx(), 'Retry');
      const workers = createNotificationWorkers(ctx().deps);
      const start = Date.parse('2030-05-01T08:00:00Z');
      ctx().clock.frozenAtMs = start;
      const outbox = () =>
        ctx()
          .deps.database.db.selectFrom('email_outbox')
          .selectAll()
          .where('org_id', '=', org.orgId)
          .executeTakeFirstOrThrow();
      try {
        await raise(ctx(), org.orgId, [await insertAlert(ctx(), org.orgId, 'high', start)]);
        smtp.state.refuse = true;
        await workers.runOnce();
        let row = await outbox();
        expect(row).toMatchObject({ sent_at: null, attempts: 1, send_after: start + MINUTE_MS });
        expect(row.last_error).toContain('451');
        // Just before the wait is over nothing is tried; then the second try waits 2 minutes.
        ctx().clock.frozenAtMs = start + MINUTE_MS - 1;
        await workers.runOnce();
        expect((await outbox()).attempts).toBe(1);
        ctx().clock.frozenAtMs = start + MINUTE_MS;
        await workers.runOnce();
        row = await outbox();
        expect(row).toMatchObject({ sent_at: null, attempts: 2, send_after: start + 3 * MINUTE_MS });
        smtp.state.refuse = false;
        ctx().clock.frozenAtMs = start + 3 * MINUTE_MS;
        await workers.runOnce();
        row = await outbox();
        expect(row).toMatchObject({ sent_at: start + 3 * MINUTE_MS, attempts: 3, last_error: null });
        expect(mailsTo(org.email)).toHaveLength(1);
        expect(MAX_EMAIL_ATTEMPTS).toBeGreaterThan(3);
      } finally {
        smtp.state.refuse = false;
        workers.close();
        ctx().clock.frozenAtMs = undefined;
      }
    });

    it('mails the user "was this you?" after a sign-in from a new country, with a working link to the console', async () => {
      const org = await createOrgWithOwner(ctx(), 'Travel');
      const owner = await signIn(ctx().app, org.email, org.password, '81.2.69.142');
      // No learning period, so the second place already counts as new.
      const patched = await ctx().app.inject({
        method: 'PATCH',
        url: '/api/v1/organization/security',
        headers: as(owner),
        payload: { learning: { signIns: 0, days: 0 } },
      });
      expect(patched.statusCode).toBe(200);
      const workers = createNotificationWorkers(ctx().deps);
      try {
        const confirmations = () => mailsTo(org.email).filter((mail) => mail.subject.startsWith('New sign-in'));
        await workers.runOnce();
        const before = confirmations().length;
        await signIn(ctx().app, org.email, org.password, '81.2.69.142', { deviceCookie: owner.deviceCookie });
        await workers.runOnce();
        // Same country, same browser: no mail.
        expect(confirmations()).toHaveLength(before);
        await signIn(ctx().app, org.email, org.password, '89.160.20.112', { deviceCookie: owner.deviceCookie });
        await workers.runOnce();
        const mail = mailsTo(org.email).find((entry) => entry.subject === 'New sign-in to Seatkeeper from Sweden');
        expect(mail, smtp.received.map((entry) => entry.subject).join('\n')).toBeDefined();
        const body = decodeQuotedPrintable(mail?.raw ?? '');
        expect(body).toContain('Linköping, Sweden (address 89.160.20.112)');
        const token = new RegExp(`${PUBLIC_URL}/not-me/([A-Za-z0-9_-]{20,})`).exec(body)?.[1];
        expect(token).toBeDefined();
        const page = await ctx().app.inject({ url: `/api/v1/sign-in-confirmations/${token}` });
        expect(page.statusCode).toBe(200);
        expect(page.json()).toMatchObject({ email: org.email, ip: '89.160.20.112', used: false });
        expect(page.json().location.country).toBe('Sweden');
      } finally {
        workers.close();
      }
    });
  },
  { config: { SMTP_URL: smtp.url, PUBLIC_URL } },
);
