import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, expect, it, vi } from 'vitest';
import {
  PASSWORD_RESET_REQUESTS_PER_EMAIL,
  PASSWORD_RESET_REQUESTS_PER_IP,
} from '../../src/contract/password-reset.ts';
import { createNotificationWorkers } from '../../src/server/features/notifications/index.ts';
import { issuePasswordLink } from '../../src/server/features/operator/index.ts';
import { sendWaitingPasswordResetLinks, sweepPasswordResets } from '../../src/server/features/password-reset/index.ts';
import { hashToken } from '../../src/server/lib/secure-token.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/server/lib/time.ts';
import {
  assignSeat,
  createMember,
  createSubscription,
  heartbeat,
  MEMBER_PASSWORD,
  startAppSession,
} from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { decodeQuotedPrintable, startSmtpSink } from '../helpers/smtp-sink.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

// One SMTP sink for the file: the app's SMTP_URL points at it.
const smtp = await startSmtpSink();
afterAll(() => smtp.close());

// With a path: links keep it (https://seats.example.com/seatkeeper/reset-password/<token>).
const PUBLIC_URL = 'https://seats.example.com/seatkeeper';
const run = promisify(execFile);
/** One reset request from a client process of its own: its status and the ms until the whole answer was read. */
const TIME_ONE_REQUEST = `
const [url, email] = process.argv.slice(1);
await (await fetch(new URL('/healthz', url))).text(); // warm: the connection and fetch itself
const started = performance.now();
const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
await answer.text();
console.log(JSON.stringify({ status: answer.status, ms: performance.now() - started }));
`;
const NEW_PASSWORD = 'quiet orchards after rain';
const LINK = new RegExp(`${PUBLIC_URL}/reset-password/([A-Za-z0-9_-]{20,})`);

/** A different client address per call, so the per-address count of one test never meets another's. */
let addressCounter = 0;
function nextAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter % 250}`;
}

const requestReset = (context: TestContext, email: string, remoteAddress = nextAddress()) =>
  context.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email }, remoteAddress });
const describeLink = (context: TestContext, token: string, remoteAddress = nextAddress()) =>
  context.app.inject({ url: `/api/v1/auth/password-reset/${token}`, remoteAddress });
const resetWith = (context: TestContext, token: string, password = NEW_PASSWORD, remoteAddress = nextAddress()) =>
  context.app.inject({
    method: 'POST',
    url: `/api/v1/auth/password-reset/${token}`,
    payload: { password },
    remoteAddress,
  });
const me = (context: TestContext, session: Session) => context.app.inject({ url: '/api/v1/me', headers: as(session) });

/**
 * The token of the newest reset mail queued for `email`, read from the outbox as the mail carries
 * it, once `count` such mails are there: links are made after the answer is sent, one request after
 * the other, so the test waits for the condition (polled, bounded), never for a time.
 */
async function queuedToken(context: TestContext, email: string, count = 1): Promise<string> {
  const mails = await vi.waitFor(
    async () => {
      const rows = await context.deps.database.db
        .selectFrom('email_outbox')
        .select(['text_body', 'created_at'])
        .where('kind', '=', 'password_reset')
        .where('to_address', '=', email)
        .orderBy('created_at', 'desc')
        .execute();
      if (rows.length < count) throw new Error(`${rows.length} of ${count} reset mails for ${email}`);
      return rows;
    },
    { timeout: 5000, interval: 10 },
  );
  const token = LINK.exec(mails[0]?.text_body ?? '')?.[1];
  if (!token) throw new Error(`no link in the reset mail for ${email}`);
  return token;
}

async function resetRows(context: TestContext, userId: string) {
  return context.deps.database.db
    .selectFrom('password_resets')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

async function outboxCount(context: TestContext, email: string): Promise<number> {
  const rows = await context.deps.database.db
    .selectFrom('email_outbox')
    .select('id')
    .where('to_address', '=', email)
    .where('kind', '=', 'password_reset')
    .execute();
  return rows.length;
}

describeEachDatabase(
  'forgotten password',
  (ctx) => {
    it('answers the same for an existing, unknown, deactivated and invited address; only the existing account gets a link', async () => {
      const org = await createOrgWithOwner(ctx(), 'Same');
      const owner = await signIn(ctx().app, org.email, org.password);
      const member = await createMember(ctx(), owner);
      const gone = await createMember(ctx(), owner);
      const deactivated = await ctx().app.inject({
        method: 'POST',
        url: `/api/v1/users/${gone.id}/deactivate`,
        headers: as(owner),
        payload: { reason: 'left_organization' },
      });
      expect(deactivated.statusCode).toBe(200);
      const invited = uniqueEmail('invited');
      const created = await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: as(owner),
        payload: { email: invited, name: 'Invited' },
      });
      expect(created.statusCode).toBe(201);
      const unknown = uniqueEmail('nobody');

      const answers = [];
      for (const email of [member.email.toUpperCase(), unknown, gone.email, invited]) {
        const answer = await requestReset(ctx(), email);
        answers.push({ status: answer.statusCode, body: answer.body, type: answer.headers['content-type'] });
      }
      expect(answers[0]).toEqual({ status: 202, body: '{"emailConfigured":true}', type: answers[0]?.type });
      for (const answer of answers) expect(answer).toEqual(answers[0]);

      // Links are made one request after the other: once the owner's (asked last) is there, every earlier one is done.
      await requestReset(ctx(), org.email);
      await queuedToken(ctx(), org.email);
      expect(await outboxCount(ctx(), member.email)).toBe(1);
      for (const email of [unknown, gone.email, invited]) expect(await outboxCount(ctx(), email)).toBe(0);
      const [row] = await resetRows(ctx(), member.id);
      expect(row).toMatchObject({ issued_by: 'email', used_at: null });
      expect((row?.expires_at ?? 0) - (row?.created_at ?? 0)).toBe(60 * MINUTE_MS);
      expect(await resetRows(ctx(), gone.id)).toHaveLength(0);

      // The answer's time for each kind, measured (not asserted: no timed assertions) by a client in another
      // process over a real socket (in this process the client would wait for the server's SQLite writes
      // that follow the answer), and printed for the report. Each sample starts with the link queue idle:
      // after it, a mail is waited for (the member's own, or the owner's asked after the unknown address).
      const url = `${await ctx().app.listen({ port: 0, host: '127.0.0.1' })}/api/v1/auth/password-reset`;
      const durations: Record<'existing' | 'unknown', number[]> = { existing: [], unknown: [] };
      const sample = async (kind: 'existing' | 'unknown', email: string) => {
        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', TIME_ONE_REQUEST, url, email]);
        const { status, ms } = JSON.parse(stdout) as { status: number; ms: number };
        expect(status).toBe(202);
        durations[kind].push(ms);
      };
      for (let round = 1; round <= 3; round += 1) {
        await sample('existing', member.email);
        await queuedToken(ctx(), member.email, 1 + round);
        await sample('unknown', unknown);
        await requestReset(ctx(), org.email);
        await queuedToken(ctx(), org.email, 1 + round);
      }
      const median = (values: number[]) => Number(([...values].sort((a, b) => a - b)[1] ?? 0).toFixed(2));
      const timings = { existing: median(durations.existing), unknown: median(durations.unknown) };
      console.info(`[${ctx().kind}] median ms per reset request: ${JSON.stringify(timings)}`);
    });

    it('mails a link that shows the masked address, sets the new password once, and the old one stops working', async () => {
      const org = await createOrgWithOwner(ctx(), 'Mail');
      const owner = await signIn(ctx().app, org.email, org.password);
      const member = await createMember(ctx(), owner, 'Dana Mail');
      const workers = createNotificationWorkers(ctx().deps);
      try {
        expect((await requestReset(ctx(), member.email)).statusCode).toBe(202);
        await queuedToken(ctx(), member.email);
        const before = smtp.received.length;
        expect((await workers.runOnce()).emails).toBeGreaterThanOrEqual(1);
        const mail = smtp.received.slice(before).find((entry) => entry.to.includes(member.email));
        expect(mail?.subject).toBe('Reset your Seatkeeper password');
        const body = decodeQuotedPrintable(mail?.raw ?? '');
        const token = LINK.exec(body)?.[1];
        if (!token) throw new Error('no link in the mail');
        expect(body).toContain('It works once, until');

        const preview = await describeLink(ctx(), token);
        expect(preview.statusCode).toBe(200);
        const [row] = await resetRows(ctx(), member.id);
        expect(preview.json()).toEqual({
          email: `m***@${member.email.split('@')[1]}`,
          expiresAt: new Date(row?.expires_at ?? 0).toISOString(),
        });
        // Reading changes nothing (mail scanners open links).
        expect((await describeLink(ctx(), token)).statusCode).toBe(200);

        const weak = await resetWith(ctx(), token, '12345678');
        expect(weak.statusCode).toBe(400);
        expect(weak.json().code).toBe('weak-password');
        expect((await resetWith(ctx(), token)).statusCode).toBe(204);
        const again = await resetWith(ctx(), token, 'another quiet orchard');
        expect(again.statusCode).toBe(404);
        expect(again.headers['content-type']).toContain('application/problem+json');
        expect(again.json()).toMatchObject({ code: 'reset-link-invalid', detail: expect.stringContaining('new link') });
        expect((await describeLink(ctx(), token)).json().code).toBe('reset-link-invalid');

        await expect(signIn(ctx().app, member.email, MEMBER_PASSWORD)).rejects.toThrow(/401/);
        expect((await me(ctx(), await signIn(ctx().app, member.email, NEW_PASSWORD))).statusCode).toBe(200);
      } finally {
        workers.close();
      }
    });

    it('stores every request before answering it: one a stopped process never turned into a link is sent later, once', async () => {
      const org = await createOrgWithOwner(ctx(), 'Crash');
      // What a process that answered 202 and stopped before making the link leaves behind.
      await ctx()
        .deps.database.db.insertInto('password_reset_requests')
        .values({ id: 'left-behind', email: org.email, created_at: ctx().deps.now(), processed_at: null })
        .execute();
      expect(await sendWaitingPasswordResetLinks(ctx().deps)).toBe(0); // not a minute old yet: maybe in flight
      ctx().clock.offsetMs += MINUTE_MS;
      const [first, second] = await Promise.all([
        sendWaitingPasswordResetLinks(ctx().deps),
        sendWaitingPasswordResetLinks(ctx().deps),
      ]);
      expect((first ?? 0) + (second ?? 0)).toBe(1);
      expect(await outboxCount(ctx(), org.email)).toBe(1);
      const token = await queuedToken(ctx(), org.email);
      expect((await resetWith(ctx(), token)).statusCode).toBe(204);
      ctx().clock.offsetMs = 0;
    });

    it('lets exactly one of 50 parallel uses of a link succeed', async () => {
      const org = await createOrgWithOwner(ctx(), 'Race');
      const owner = await signIn(ctx().app, org.email, org.password);
      const member = await createMember(ctx(), owner);
      await requestReset(ctx(), member.email);
      const token = await queuedToken(ctx(), member.email);
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, index) => resetWith(ctx(), token, `parallel orchard number ${index}`)),
      );
      const statuses = answers.map((answer) => answer.statusCode);
      expect(statuses.filter((status) => status === 204)).toHaveLength(1);
      expect(statuses.filter((status) => status === 404)).toHaveLength(49);
      // The password is the winner's.
      const winner = answers.findIndex((answer) => answer.statusCode === 204);
      expect(
        (await me(ctx(), await signIn(ctx().app, member.email, `parallel orchard number ${winner}`))).statusCode,
      ).toBe(200);
      const attempts = await ctx()
        .deps.database.db.selectFrom('sign_in_attempts')
        .select('id')
        .where('user_id', '=', member.id)
        .where('method', '=', 'password_reset')
        .execute();
      expect(attempts).toHaveLength(1);
    });

    it('refuses a link from 60 minutes on, and an older link once a newer one is asked for', async () => {
      const org = await createOrgWithOwner(ctx(), 'Expiry');
      const owner = await signIn(ctx().app, org.email, org.password);
      const member = await createMember(ctx(), owner);
      await requestReset(ctx(), member.email);
      const older = await queuedToken(ctx(), member.email);
      const row = (await resetRows(ctx(), member.id))[0];
      if (!row) throw new Error('no link');
      try {
        ctx().clock.frozenAtMs = row.expires_at - 1;
        expect((await describeLink(ctx(), older)).statusCode).toBe(200);
        ctx().clock.frozenAtMs = row.expires_at;
        expect((await describeLink(ctx(), older)).json().code).toBe('reset-link-invalid');
        expect((await resetWith(ctx(), older)).statusCode).toBe(404);

        // A fresh pair: the second request replaces the first's link.
        ctx().clock.frozenAtMs = row.expires_at + MINUTE_MS;
        await requestReset(ctx(), member.email);
        const first = await queuedToken(ctx(), member.email, 2);
        ctx().clock.frozenAtMs = row.expires_at + 2 * MINUTE_MS;
        await requestReset(ctx(), member.email);
        const second = await queuedToken(ctx(), member.email, 3);
        expect(second).not.toBe(first);
        expect((await describeLink(ctx(), first)).statusCode).toBe(404);
        expect((await resetWith(ctx(), first)).statusCode).toBe(404);
        expect((await resetWith(ctx(), second)).statusCode).toBe(204);
      } finally {
        ctx().clock.frozenAtMs = undefined;
      }
      await signIn(ctx().app, member.email, NEW_PASSWORD);
    });

    it(`throttles ${PASSWORD_RESET_REQUESTS_PER_EMAIL} requests per e-mail (known or not) and ${PASSWORD_RESET_REQUESTS_PER_IP} per address an hour, wrong links included`, async () => {
      const org = await createOrgWithOwner(ctx(), 'Throttle');
      const owner = await signIn(ctx().app, org.email, org.password);
      const member = await createMember(ctx(), owner);
      const countPassing = async (send: () => Promise<{ statusCode: number }>, tries: number) => {
        let passed = 0;
        let refused: { statusCode: number; headers: Record<string, unknown>; json: () => { code: string } } | undefined;
        for (let index = 0; index < tries; index += 1) {
          const answer = (await send()) as NonNullable<typeof refused>;
          if (answer.statusCode === 429) refused ??= answer;
          else passed += 1;
        }
        return { passed, refused };
      };
      // Per e-mail, each request from another address: the same numbers for an account and for nobody.
      for (const email of [member.email, uniqueEmail('nobody')]) {
        const { passed, refused } = await countPassing(() => requestReset(ctx(), email), 10);
        expect(passed, email).toBe(PASSWORD_RESET_REQUESTS_PER_EMAIL);
        expect(refused?.json().code).toBe('too-many-reset-requests');
        const retryAfter = Number(refused?.headers['retry-after']);
        expect(retryAfter).toBeGreaterThan(HOUR_MS / 1000 - 60);
        expect(retryAfter).toBeLessThanOrEqual(HOUR_MS / 1000);
      }
      // Per address, each request for another e-mail.
      const spray = '203.0.113.77';
      const sprayed = await countPassing(() => requestReset(ctx(), uniqueEmail('spray'), spray), 30);
      expect(sprayed.passed).toBe(PASSWORD_RESET_REQUESTS_PER_IP);
      expect(Number(sprayed.refused?.headers['retry-after'])).toBeGreaterThan(0);
      // Wrong links spend the same count: from another address, 20 wrong ones answer 404, then 429.
      const guesser = '203.0.113.78';
      const wrong = await countPassing(() => describeLink(ctx(), 'x'.repeat(43), guesser), 25);
      expect(wrong.passed).toBe(PASSWORD_RESET_REQUESTS_PER_IP);
      expect((await resetWith(ctx(), 'y'.repeat(43), NEW_PASSWORD, guesser)).statusCode).toBe(429);
      // A valid link still works from there (an e-mail's count spent does not stop its link).
      const token = await queuedToken(ctx(), member.email, PASSWORD_RESET_REQUESTS_PER_EMAIL);
      expect((await resetWith(ctx(), token, NEW_PASSWORD, guesser)).statusCode).toBe(204);
      console.info(
        `[${ctx().kind}] passed before 429: per e-mail ${PASSWORD_RESET_REQUESTS_PER_EMAIL}, per address ${sprayed.passed} requests, ${wrong.passed} wrong links`,
      );
    });

    it('ends every console and app session of the user, records the reset in their activity, and clears their failures', async () => {
      const org = await createOrgWithOwner(ctx(), 'Sessions');
      const owner = await signIn(ctx().app, org.email, org.password);
      const member = await createMember(ctx(), owner);
      const { subscriptionId, productKey } = await createSubscription(ctx(), org.orgId, { seats: 1 });
      expect((await assignSeat(ctx(), owner, subscriptionId, member.id)).statusCode).toBeLessThan(300);
      const app = await startAppSession(ctx(), { email: member.email, password: MEMBER_PASSWORD, appKey: productKey });
      expect(app.statusCode).toBe(201);
      const appToken = app.json().sessionToken as string;
      const sessions = [
        await signIn(ctx().app, member.email, MEMBER_PASSWORD),
        await signIn(ctx().app, member.email, MEMBER_PASSWORD, '81.2.69.142'),
      ];
      // Four wrong passwords on the account (the throttle allows 5 per 15 minutes).
      for (let index = 0; index < 4; index += 1) {
        await expect(signIn(ctx().app, member.email, 'not the password', '192.0.2.9')).rejects.toThrow(/401/);
      }
      await requestReset(ctx(), member.email);
      expect((await resetWith(ctx(), await queuedToken(ctx(), member.email))).statusCode).toBe(204);
      for (const session of sessions) expect((await me(ctx(), session)).statusCode).toBe(401);
      expect((await heartbeat(ctx(), appToken)).statusCode).toBeGreaterThanOrEqual(400);
      // The owner is untouched.
      expect((await me(ctx(), owner)).statusCode).toBe(200);

      // The account's failures are forgotten: 4 more wrong ones are answered 401 (not 429) and the
      // right one still gets in (without the reset's clearing, the 2nd of them would be refused).
      for (let index = 0; index < 4; index += 1) {
        await expect(signIn(ctx().app, member.email, 'not the password', '192.0.2.9')).rejects.toThrow(/401/);
      }
      const fresh = await signIn(ctx().app, member.email, NEW_PASSWORD);
      const activity = await ctx().app.inject({ url: '/api/v1/me/activity', headers: as(fresh) });
      expect(activity.statusCode).toBe(200);
      const resets = (
        activity.json().items as { type: string; method: string; outcome: string; client: string }[]
      ).filter((item) => item.method === 'password_reset');
      expect(resets).toHaveLength(1);
      expect(resets[0]).toMatchObject({ type: 'login', outcome: 'success' });
    });

    it('a link of one organization never changes a user of another', async () => {
      const a = await createOrgWithOwner(ctx(), 'Alpha');
      const b = await createOrgWithOwner(ctx(), 'Beta');
      const bOwner = await signIn(ctx().app, b.email, b.password);
      await requestReset(ctx(), a.email);
      const token = await queuedToken(ctx(), a.email);
      expect((await resetWith(ctx(), token)).statusCode).toBe(204);
      // B's owner keeps their session and password; A's owner has the new one.
      expect((await me(ctx(), bOwner)).statusCode).toBe(200);
      await signIn(ctx().app, b.email, b.password);
      await signIn(ctx().app, a.email, NEW_PASSWORD);
      const bRows = await ctx()
        .deps.database.db.selectFrom('password_resets')
        .select('token_hash')
        .where('org_id', '=', b.orgId)
        .execute();
      expect(bRows).toHaveLength(0);
      const aRow = await ctx()
        .deps.database.db.selectFrom('password_resets')
        .select(['org_id', 'used_at'])
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirstOrThrow();
      expect(aRow.org_id).toBe(a.orgId);
      expect(aRow.used_at).not.toBeNull();
    });

    it("refuses a link once its user is deactivated, and the operator's link (a day) replaces an e-mailed one", async () => {
      const org = await createOrgWithOwner(ctx(), 'Operator');
      const owner = await signIn(ctx().app, org.email, org.password);
      const member = await createMember(ctx(), owner);
      await requestReset(ctx(), member.email);
      const emailed = await queuedToken(ctx(), member.email);
      const issuedAt = ctx().deps.now();
      const cli = await issuePasswordLink(ctx().deps.database.db, ctx().deps.config.publicUrl, member.email, issuedAt);
      expect(cli.reset).toBe(true);
      expect(Date.parse(cli.link.expiresAt) - issuedAt).toBe(DAY_MS);
      const rows = await resetRows(ctx(), member.id);
      expect(rows.map((row) => row.issued_by)).toEqual(['email', 'cli']);
      expect((await describeLink(ctx(), emailed)).statusCode).toBe(404);
      const cliToken = LINK.exec(cli.link.url)?.[1] ?? '';
      expect((await describeLink(ctx(), cliToken)).statusCode).toBe(200);

      const deactivated = await ctx().app.inject({
        method: 'POST',
        url: `/api/v1/users/${member.id}/deactivate`,
        headers: as(owner),
        payload: { reason: 'left_organization' },
      });
      expect(deactivated.statusCode).toBe(200);
      expect((await describeLink(ctx(), cliToken)).statusCode).toBe(404);
      expect((await resetWith(ctx(), cliToken)).statusCode).toBe(404);
    });

    it('forgets used, expired and replaced links and processed requests a day after, in batches; waiting requests stay', async () => {
      const t0 = Date.now();
      ctx().clock.frozenAtMs = t0;
      const db = ctx().deps.database.db;
      try {
        const org = await createOrgWithOwner(ctx(), 'Sweep');
        const owner = await signIn(ctx().app, org.email, org.password);
        const used = await createMember(ctx(), owner);
        const open = await createMember(ctx(), owner);
        const unknown = uniqueEmail('nobody');
        await requestReset(ctx(), used.email);
        await requestReset(ctx(), unknown);
        await requestReset(ctx(), open.email);
        await requestReset(ctx(), open.email); // replaces the first: it expires now
        await queuedToken(ctx(), open.email, 2);
        expect((await resetWith(ctx(), await queuedToken(ctx(), used.email))).statusCode).toBe(204);
        await db
          .insertInto('password_reset_requests')
          .values({ id: 'sweep-waiting', email: unknown, created_at: t0 - 2 * DAY_MS, processed_at: null })
          .execute();
        // More than a batch of old processed requests (unknown addresses, say).
        const old = Array.from({ length: 1005 }, (_, index) => ({
          id: `sweep-old-${index}`,
          email: `old-${index}@example.com`,
          created_at: t0 - 3 * DAY_MS,
          processed_at: t0 - 3 * DAY_MS,
        }));
        await db.insertInto('password_reset_requests').values(old).execute();

        const links = async (userId: string) =>
          (await resetRows(ctx(), userId)).map((row) => (row.used_at === null ? row.expires_at - t0 : 'used'));
        const requests = async (emails: string[]) =>
          (await db.selectFrom('password_reset_requests').select('email').where('email', 'in', emails).execute())
            .map((row) => row.email)
            .sort();

        ctx().clock.frozenAtMs = t0 + DAY_MS;
        const first = await sweepPasswordResets(ctx().deps);
        expect(first.requests).toBeGreaterThanOrEqual(1005);
        expect(await requests(old.map((row) => row.email))).toEqual([]);
        expect(await links(used.id)).toEqual(['used']);
        expect(await links(open.id)).toEqual([0, HOUR_MS]);
        expect(await requests([used.email, unknown, open.email])).toHaveLength(5);

        ctx().clock.frozenAtMs = t0 + DAY_MS + 1;
        await sweepPasswordResets(ctx().deps);
        expect(await links(used.id)).toEqual([]);
        expect(await links(open.id)).toEqual([HOUR_MS]);
        // Processed ones go, known address or not; the one still waiting stays for the worker.
        expect(await requests([used.email, unknown, open.email])).toEqual([unknown]);

        ctx().clock.frozenAtMs = t0 + HOUR_MS + DAY_MS + 1;
        await sweepPasswordResets(ctx().deps);
        expect(await links(open.id)).toEqual([]);
        expect(await requests([unknown])).toEqual([unknown]);
      } finally {
        ctx().clock.frozenAtMs = undefined;
        await db.deleteFrom('password_reset_requests').where('id', '=', 'sweep-waiting').execute();
      }
    });
  },
  { config: { SMTP_URL: smtp.url, PUBLIC_URL } },
);

describeEachDatabase(
  'forgotten password without e-mail',
  (ctx) => {
    it('says e-mail is not configured, and makes no link', async () => {
      const org = await createOrgWithOwner(ctx(), 'NoMail');
      const answer = await requestReset(ctx(), org.email);
      expect(answer.statusCode).toBe(202);
      expect(answer.json()).toEqual({ emailConfigured: false });
      expect((await requestReset(ctx(), uniqueEmail('nobody'))).json()).toEqual({ emailConfigured: false });
      const rows = await ctx()
        .deps.database.db.selectFrom('password_resets')
        .select('token_hash')
        .where('org_id', '=', org.orgId)
        .execute();
      expect(rows).toHaveLength(0);
      expect(await outboxCount(ctx(), org.email)).toBe(0);
    });
  },
  { config: { PUBLIC_URL } },
);
