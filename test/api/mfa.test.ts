import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkTotpCode, readSecondFactors, spendRecoveryCode } from '../../src/server/features/mfa/index.ts';
import { createMember, MEMBER_PASSWORD } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const STEP_MS = 30_000;

/** The code the user's authenticator app shows at `at` (epoch ms). */
function codeAt(secret: string, at: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: at,
  });
}

/** A code of the step `at` falls in that is not `code` (a wrong guess that cannot be right by chance). */
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

let addressCounter = 0;
/** Each test its own client address: the throttle's per-address count must not carry across tests. */
function nextAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

async function owned(context: TestContext) {
  const org = await createOrgWithOwner(context);
  return { ...org, owner: await signIn(context.app, org.email, org.password) };
}

async function memberSession(context: TestContext, owner: Session) {
  const member = await createMember(context, owner);
  return { ...member, session: await signIn(context.app, member.email, MEMBER_PASSWORD) };
}

describeEachDatabase('two-step verification', (ctx) => {
  const post = (session: Session, url: string, payload?: object, remoteAddress = '203.0.113.10') =>
    payload === undefined
      ? ctx().app.inject({ method: 'POST', url, headers: as(session), remoteAddress })
      : ctx().app.inject({ method: 'POST', url, headers: as(session), remoteAddress, payload });
  const status = async (session: Session) =>
    (await ctx().app.inject({ url: '/api/v1/me/mfa', headers: as(session) })).json();

  /** Enrols an authenticator app for the session's user; answers its secret and the recovery codes. */
  async function enrolTotp(session: Session) {
    const started = await post(session, '/api/v1/me/mfa/totp');
    expect(started.statusCode).toBe(200);
    const { secret } = started.json() as { secret: string };
    const confirmed = await post(session, '/api/v1/me/mfa/totp/confirm', { code: codeAt(secret, ctx().deps.now()) });
    expect(confirmed.statusCode).toBe(200);
    return { secret, recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes };
  }

  beforeEach(() => {
    ctx().clock.frozenAtMs = Date.now();
    ctx().clock.offsetMs = 0;
  });
  afterEach(() => {
    ctx().clock.frozenAtMs = undefined;
    ctx().clock.offsetMs = 0;
  });

  it('enrols an authenticator app: secret, otpauth URL and QR code; a first code confirms it and brings ten recovery codes', async () => {
    const org = await owned(ctx());
    expect(await status(org.owner)).toEqual({
      totp: { enabled: false, confirmedAt: null },
      passkeys: [],
      recoveryCodesLeft: 0,
    });

    const started = await post(org.owner, '/api/v1/me/mfa/totp');
    expect(started.statusCode).toBe(200);
    const enrolment = started.json() as { secret: string; otpauthUrl: string; qrCodeSvg: string };
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(enrolment.otpauthUrl);
    expect(url.searchParams.get('secret')).toBe(enrolment.secret);
    expect(url.searchParams.get('issuer')).toBe('Seatkeeper');
    expect(decodeURIComponent(url.pathname)).toBe(`/Seatkeeper:${org.email}`);
    expect(enrolment.qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // Not confirmed yet: no factor.
    expect((await status(org.owner)).totp.enabled).toBe(false);

    const now = ctx().deps.now();
    const wrong = await post(org.owner, '/api/v1/me/mfa/totp/confirm', {
      code: wrongCode(codeAt(enrolment.secret, now)),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().code).toBe('invalid-code');

    const confirmed = await post(org.owner, '/api/v1/me/mfa/totp/confirm', { code: codeAt(enrolment.secret, now) });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(await status(org.owner)).toEqual({
      totp: { enabled: true, confirmedAt: new Date(now).toISOString() },
      passkeys: [],
      recoveryCodesLeft: 10,
    });

    // A confirmed app is not replaced behind the user's back.
    const again = await post(org.owner, '/api/v1/me/mfa/totp');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('totp-already-enabled');
  });

  it('checks sign-in codes: steps t-1..t+1, a replayed step and an older one refused, one winner among parallel uses', async () => {
    const org = await owned(ctx());
    const { secret } = await enrolTotp(org.owner);
    const db = ctx().deps.database.db;
    const user = { orgId: org.orgId, userId: org.owner.userId };
    const check = (code: string, now: number) => db.transaction().execute((trx) => checkTotpCode(trx, user, code, now));
    const t0 = ctx().deps.now();
    // The confirming code's step is used: it cannot sign in.
    expect(await check(codeAt(secret, t0), t0)).toBe(false);
    const later = t0 + 10 * STEP_MS;
    expect(await check(codeAt(secret, later - 2 * STEP_MS), later)).toBe(false);
    expect(await check(codeAt(secret, later + 2 * STEP_MS), later)).toBe(false);
    expect(await check(codeAt(secret, later - STEP_MS), later)).toBe(true);
    expect(await check(codeAt(secret, later - STEP_MS), later)).toBe(false); // replay
    expect(await check(codeAt(secret, later + STEP_MS), later)).toBe(true);
    expect(await check(codeAt(secret, later), later)).toBe(false); // older than the last one accepted
    // Ten parallel requests with the next step's code: one succeeds.
    const next = later + 3 * STEP_MS;
    const results = await Promise.all(Array.from({ length: 10 }, () => check(codeAt(secret, next), next)));
    expect(results.filter(Boolean)).toHaveLength(1);
    // Another user's app never matches this user's code.
    const other = await owned(ctx());
    expect(
      await db
        .transaction()
        .execute((trx) =>
          checkTotpCode(
            trx,
            { orgId: other.orgId, userId: other.owner.userId },
            codeAt(secret, next + STEP_MS),
            next + STEP_MS,
          ),
        ),
    ).toBe(false);
  });

  it('uses each recovery code once, however it is typed, even twenty times in parallel', async () => {
    const org = await owned(ctx());
    const { recoveryCodes } = await enrolTotp(org.owner);
    const [first, second] = recoveryCodes as [string, string];
    const db = ctx().deps.database.db;
    const user = { orgId: org.orgId, userId: org.owner.userId };
    const use = (code: string) =>
      db.transaction().execute((trx) => spendRecoveryCode(trx, user, code, ctx().deps.now()));

    const results = await Promise.all(Array.from({ length: 20 }, () => use(first)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await use(first)).toBe(false);
    expect(await use(` ${second.toUpperCase().replace('-', ' ')} `)).toBe(true);
    expect(await use(second)).toBe(false);
    expect(await use('not-a-code')).toBe(false);
    expect((await status(org.owner)).recoveryCodesLeft).toBe(8);
    // Another organization's user cannot use them.
    const other = await owned(ctx());
    expect(
      await db
        .transaction()
        .execute((trx) =>
          spendRecoveryCode(trx, { orgId: other.orgId, userId: org.owner.userId }, recoveryCodes[2] as string, 0),
        ),
    ).toBe(false);

    // New codes replace all the old ones.
    const renewed = await post(org.owner, '/api/v1/me/mfa/recovery-codes');
    expect(renewed.statusCode).toBe(200);
    const fresh = (renewed.json() as { recoveryCodes: string[] }).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(await use(recoveryCodes[3] as string)).toBe(false);
    expect(await use(fresh[0] as string)).toBe(true);
  });

  it('throttles wrong codes like passwords: the sixth attempt within the window answers 429 with Retry-After', async () => {
    const org = await owned(ctx());
    const address = nextAddress();
    const { secret } = (await post(org.owner, '/api/v1/me/mfa/totp')).json() as { secret: string };
    const right = codeAt(secret, ctx().deps.now());
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const answer = await post(org.owner, '/api/v1/me/mfa/totp/confirm', { code: wrongCode(right) }, address);
      expect(answer.statusCode, `attempt ${attempt}`).toBe(400);
    }
    // Even the right code waits now: the count is the account's, as for passwords.
    const refused = await post(org.owner, '/api/v1/me/mfa/totp/confirm', { code: right }, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('too-many-attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await status(org.owner)).totp.enabled).toBe(false);
  });

  it('refuses malformed codes at the edge with 400, never 500', async () => {
    const org = await owned(ctx());
    await post(org.owner, '/api/v1/me/mfa/totp');
    for (const code of ['12345', 'abcdef', '1'.repeat(40), '12\u000034', '９９９９９９']) {
      const answer = await post(org.owner, '/api/v1/me/mfa/totp/confirm', { code });
      expect(answer.statusCode, JSON.stringify(code)).toBe(400);
    }
    const missing = await post(org.owner, '/api/v1/me/mfa/totp/confirm', {});
    expect(missing.statusCode).toBe(400);
  });

  it('lifts an enrolment-only session once the first factor is confirmed', async () => {
    const org = await owned(ctx());
    await ctx()
      .deps.database.db.updateTable('sessions')
      .set({ enrolment_only: 1 })
      .where('org_id', '=', org.orgId)
      .where('user_id', '=', org.owner.userId)
      .execute();
    const settings = () => ctx().app.inject({ url: '/api/v1/organization/security', headers: as(org.owner) });
    const before = await settings();
    expect(before.statusCode).toBe(403);
    expect(before.json().code).toBe('second-factor-enrolment-required');
    await enrolTotp(org.owner);
    expect((await settings()).statusCode).toBe(200);
  });

  it('removes the authenticator app; the last factor takes the recovery codes with it', async () => {
    const org = await owned(ctx());
    await enrolTotp(org.owner);
    const removed = await ctx().app.inject({ method: 'DELETE', url: '/api/v1/me/mfa/totp', headers: as(org.owner) });
    expect(removed.statusCode).toBe(204);
    expect(await status(org.owner)).toEqual({
      totp: { enabled: false, confirmedAt: null },
      passkeys: [],
      recoveryCodesLeft: 0,
    });
    const again = await ctx().app.inject({ method: 'DELETE', url: '/api/v1/me/mfa/totp', headers: as(org.owner) });
    expect(again.statusCode).toBe(404);
    // Without a factor there are no recovery codes to make.
    const codes = await post(org.owner, '/api/v1/me/mfa/recovery-codes');
    expect(codes.statusCode).toBe(409);
    expect(codes.json().code).toBe('no-second-factor');
    // Enrolling again brings fresh codes.
    expect((await enrolTotp(org.owner)).recoveryCodes).toHaveLength(10);
  });

  it('lets an owner reset a member’s factors, in their own organization only; a member resets no one', async () => {
    const org = await owned(ctx());
    const member = await memberSession(ctx(), org.owner);
    await enrolTotp(member.session);
    const factors = () => readSecondFactors(ctx().deps.database.db, { orgId: org.orgId, userId: member.id });
    expect(await factors()).toEqual({ totp: true, passkeys: 0, recoveryCodesLeft: 10 });

    const reset = (session: Session, userId: string) =>
      ctx().app.inject({ method: 'DELETE', url: `/api/v1/users/${userId}/mfa`, headers: as(session) });
    // A member may not.
    const byMember = await reset(member.session, org.owner.userId);
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().code).toBe('forbidden');
    // Another organization's owner sees no such user.
    const other = await owned(ctx());
    const across = await reset(other.owner, member.id);
    expect(across.statusCode).toBe(404);
    expect(await factors()).toEqual({ totp: true, passkeys: 0, recoveryCodesLeft: 10 });
    expect((await reset(org.owner, 'no-such-user')).statusCode).toBe(404);

    expect((await reset(org.owner, member.id)).statusCode).toBe(204);
    expect(await factors()).toEqual({ totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    expect(await status(member.session)).toEqual({
      totp: { enabled: false, confirmedAt: null },
      passkeys: [],
      recoveryCodesLeft: 0,
    });
    // The member can enrol again.
    expect((await enrolTotp(member.session)).recoveryCodes).toHaveLength(10);
  });

  it('answers passkey registration options for this server, excluding the passkeys the user has', async () => {
    const org = await owned(ctx());
    const answer = await post(org.owner, '/api/v1/me/passkeys/registration');
    expect(answer.statusCode).toBe(200);
    const options = answer.json();
    expect(options).toMatchObject({
      rp: { name: 'Seatkeeper', id: ctx().deps.config.publicUrl.hostname },
      user: { name: org.email, displayName: 'Acme Owner' },
      attestation: 'none',
      excludeCredentials: [],
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(options.pubKeyCredParams.map((p: { alg: number }) => p.alg)).toContain(-7);
    const stored = await ctx()
      .deps.database.db.selectFrom('passkey_registrations')
      .select(['challenge', 'expires_at'])
      .where('org_id', '=', org.orgId)
      .where('user_id', '=', org.owner.userId)
      .executeTakeFirstOrThrow();
    expect(stored.challenge).toBe(options.challenge);
    expect(Number(stored.expires_at)).toBe(ctx().deps.now() + 5 * 60_000);

    // A made-up answer is refused as a problem; the registration is not used up by it.
    const madeUp = {
      name: 'Laptop',
      response: {
        id: 'abc',
        rawId: 'abc',
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: 'eA', attestationObject: 'eQ' },
      },
    };
    const forged = await post(org.owner, '/api/v1/me/passkeys', madeUp);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().code).toBe('invalid-passkey');
    // After five minutes the challenge is gone.
    ctx().clock.offsetMs = 5 * 60_000 + 1;
    const late = await post(org.owner, '/api/v1/me/passkeys', madeUp);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('no-passkey-registration');
    // Passkeys of others are not found.
    for (const method of ['PATCH', 'DELETE'] as const) {
      const missing = await ctx().app.inject({
        method,
        url: '/api/v1/me/passkeys/abc',
        headers: as(org.owner),
        ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
      });
      expect(missing.statusCode, method).toBe(404);
    }
    const blank = await ctx().app.inject({
      method: 'PATCH',
      url: '/api/v1/me/passkeys/abc',
      headers: as(org.owner),
      payload: { name: '   ' },
    });
    expect(blank.statusCode).toBe(400);
  });
});
