import { expect, it } from 'vitest';
import { SIGN_IN_CONFIRMATION_TTL_MS } from '../../src/server/features/notifications/index.ts';
import { hashToken } from '../../src/server/lib/secure-token.ts';
import {
  assignSeat,
  createMember,
  createSubscription,
  heartbeat,
  MEMBER_PASSWORD,
  startAppSession,
} from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const LONDON = '81.2.69.142';
const LINKOPING = '89.160.20.112';

/**
 * An organization without a learning period, a member with a seat who signs in from London (console
 * and app), then from Sweden: the sign-in that mails "was this you?". Answers the link's token, read
 * from the queued mail as the user would read it.
 */
async function signInFromNewCountry(context: TestContext) {
  const org = await createOrgWithOwner(context, 'NotMe');
  const owner = await signIn(context.app, org.email, org.password, LONDON);
  const patched = await context.app.inject({
    method: 'PATCH',
    url: '/api/v1/organization/security',
    headers: as(owner),
    payload: { learning: { signIns: 0, days: 0 } },
  });
  expect(patched.statusCode).toBe(200);
  const member = await createMember(context, owner);
  const { subscriptionId, productKey } = await createSubscription(context, org.orgId, { seats: 2 });
  expect((await assignSeat(context, owner, subscriptionId, member.id)).statusCode).toBeLessThan(300);
  const app = await startAppSession(context, { email: member.email, password: MEMBER_PASSWORD, appKey: productKey });
  expect(app.statusCode).toBe(201);
  const london = await signIn(context.app, member.email, MEMBER_PASSWORD, LONDON);
  const sweden = await signIn(context.app, member.email, MEMBER_PASSWORD, LINKOPING, {
    deviceCookie: london.deviceCookie,
  });
  const mail = await context.deps.database.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('org_id', '=', org.orgId)
    .where('kind', '=', 'sign_in_confirmation')
    .where('to_address', '=', member.email)
    .where('subject', '=', 'New sign-in to Seatkeeper from Sweden')
    .execute();
  expect(mail).toHaveLength(1);
  const token = /\/not-me\/([A-Za-z0-9_-]+)/.exec(mail[0]?.text_body ?? '')?.[1];
  if (!token) throw new Error('no link in the mail');
  return { org, owner, member, token, sessions: [london, sweden], appToken: app.json().sessionToken as string };
}

const me = (context: TestContext, session: Session) => context.app.inject({ url: '/api/v1/me', headers: as(session) });
const describeLink = (context: TestContext, token: string) =>
  context.app.inject({ url: `/api/v1/sign-in-confirmations/${token}` });
const notMe = (context: TestContext, token: string) =>
  context.app.inject({ method: 'POST', url: `/api/v1/sign-in-confirmations/${token}/not-me` });

describeEachDatabase(
  '"this wasn\'t me"',
  (ctx) => {
    it('shows the sign-in without changing anything, then ends every session and raises a high alert, once', async () => {
      const { org, owner, member, token, sessions, appToken } = await signInFromNewCountry(ctx());
      // Opening the page (or a mail scanner following the link) changes nothing.
      for (let index = 0; index < 2; index += 1) {
        const page = await describeLink(ctx(), token);
        expect(page.statusCode).toBe(200);
        expect(page.json()).toMatchObject({ email: member.email, ip: LINKOPING, used: false });
        expect(page.json().location).toMatchObject({ country: 'Sweden', city: 'Linköping' });
        expect(page.json().device).toBe('Chrome on Windows');
      }
      for (const session of sessions) expect((await me(ctx(), session)).statusCode).toBe(200);

      const consoleSessions = await ctx()
        .deps.database.db.selectFrom('sessions')
        .select('id_hash')
        .where('user_id', '=', member.id)
        .execute();
      const reported = await notMe(ctx(), token);
      expect(reported.statusCode, reported.body).toBe(200);
      // The console sessions (invitation, London, Sweden) and the app session.
      expect(reported.json().sessionsEnded).toBe(consoleSessions.length + 1);
      for (const session of sessions) expect((await me(ctx(), session)).statusCode).toBe(401);
      expect((await heartbeat(ctx(), appToken)).statusCode).toBeGreaterThanOrEqual(400);
      // The owner keeps their session and sees the alert.
      const alert = await ctx().app.inject({ url: `/api/v1/alerts/${reported.json().alertId}`, headers: as(owner) });
      expect(alert.statusCode).toBe(200);
      expect(alert.json().alert).toMatchObject({
        type: 'reported_by_user',
        severity: 'high',
        status: 'open',
        user: { id: member.id },
      });
      // Queued for the owners' next digest (high is above the default minimum).
      const digest = await ctx()
        .deps.database.db.selectFrom('alert_digest_items')
        .select('alert_id')
        .where('org_id', '=', org.orgId)
        .execute();
      expect(digest.map((row) => row.alert_id)).toContain(reported.json().alertId);

      // Once only; the page then says it was used.
      const twice = await notMe(ctx(), token);
      expect(twice.statusCode).toBe(410);
      expect(twice.json().code).toBe('sign-in-confirmation-used');
      expect((await describeLink(ctx(), token)).json().used).toBe(true);
      // Signing in again works: the user is not locked out, only signed out.
      expect((await me(ctx(), await signIn(ctx().app, member.email, MEMBER_PASSWORD, LINKOPING))).statusCode).toBe(200);
    });

    it('works until the link expires (7 days) and not a moment after; an expired link ends nothing', async () => {
      const { member, token } = await signInFromNewCountry(ctx());
      const row = await ctx()
        .deps.database.db.selectFrom('sign_in_confirmations')
        .selectAll()
        .where('user_id', '=', member.id)
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirstOrThrow();
      expect(row.expires_at - row.created_at).toBe(SIGN_IN_CONFIRMATION_TTL_MS);
      try {
        ctx().clock.frozenAtMs = row.expires_at - 1;
        expect((await describeLink(ctx(), token)).statusCode).toBe(200);
        ctx().clock.frozenAtMs = row.expires_at;
        const page = await describeLink(ctx(), token);
        expect(page.statusCode).toBe(410);
        expect(page.json().code).toBe('sign-in-confirmation-expired');
        expect(page.json().detail).toContain('7 days');
        const fresh = await signIn(ctx().app, member.email, MEMBER_PASSWORD, LINKOPING);
        const late = await notMe(ctx(), token);
        expect(late.statusCode).toBe(410);
        expect(late.json().code).toBe('sign-in-confirmation-expired');
        expect((await me(ctx(), fresh)).statusCode).toBe(200);
      } finally {
        ctx().clock.frozenAtMs = undefined;
      }
    });

    it('answers 404 for an unknown link and 400 for a malformed one, and the alert stays in its organization', async () => {
      const unknown = 'A'.repeat(43);
      for (const answer of [await describeLink(ctx(), unknown), await notMe(ctx(), unknown)]) {
        expect(answer.statusCode).toBe(404);
        expect(answer.json().code).toBe('sign-in-confirmation-not-found');
      }
      expect((await describeLink(ctx(), 'short')).statusCode).toBe(400);
      const { token } = await signInFromNewCountry(ctx());
      const reported = await notMe(ctx(), token);
      const other = await createOrgWithOwner(ctx(), 'Other');
      const otherOwner = await signIn(ctx().app, other.email, other.password);
      const peek = await ctx().app.inject({
        url: `/api/v1/alerts/${reported.json().alertId}`,
        headers: as(otherOwner),
      });
      expect(peek.statusCode).toBe(404);
    });
  },
  // Mail is "configured" (never sent here: no worker runs), so the sign-in queues the "was this you?" mail.
  { config: { SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://seats.example.com' } },
);
