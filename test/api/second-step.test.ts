import { Secret, TOTP } from 'otpauth';
import { expect, it } from 'vitest';
import type { SecondStepRequired } from '../../src/contract/auth.ts';
import type { PatchSecuritySettingsBody } from '../../src/contract/security.ts';
import { OPERATOR_CLI } from '../../src/server/features/operator/index.ts';
import { changeSecuritySettings } from '../../src/server/features/security-settings/index.ts';
import { createSubscription, startAppSession } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createSoftwarePasskey, type SoftwarePasskey } from '../helpers/software-passkey.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

/*
 * The second step of a console sign-in (issue 12): who is asked, why, what answers it, and what
 * the sign-in log keeps. Codes are computed with otpauth from the secret the enrolment answers,
 * at the server's pinned clock.
 */
const LONDON = '81.2.69.142';
const LINKOPING = '89.160.20.112';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-03-02T08:00:00Z');

interface Owner {
  orgId: string;
  userId: string;
  email: string;
  password: string;
}

function pin(context: TestContext, at: number) {
  context.clock.frozenAtMs = at;
  context.clock.offsetMs = 0;
}

async function newOwner(context: TestContext, rules?: PatchSecuritySettingsBody): Promise<Owner> {
  const org = await createOrgWithOwner(context);
  if (rules) await changeSecuritySettings(context.deps.database.db, org.orgId, rules, OPERATOR_CLI, context.deps.now());
  return { orgId: org.orgId, userId: org.ownerId, email: org.email, password: org.password };
}

function passwordStep(context: TestContext, who: Owner, ip = LONDON) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: who.email, password: who.password },
    remoteAddress: ip,
    headers: { 'user-agent': CHROME },
  });
}

function verify(context: TestContext, body: Record<string, unknown>, ip = LONDON) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login/verify',
    payload: body,
    remoteAddress: ip,
    headers: { 'user-agent': CHROME },
  });
}

/** Enrols an authenticator app through the API; answers its code generator and the recovery codes. */
async function enrolTotp(context: TestContext, session: Session) {
  const started = await context.app.inject({ method: 'POST', url: '/api/v1/me/mfa/totp', headers: as(session) });
  expect(started.statusCode, started.body).toBe(200);
  const { secret } = started.json() as { secret: string };
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  const code = (at: number) => totp.generate({ timestamp: at });
  const confirmed = await context.app.inject({
    method: 'POST',
    url: '/api/v1/me/mfa/totp/confirm',
    headers: as(session),
    payload: { code: code(context.deps.now()) },
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { code, recoveryCodes: (confirmed.json() as { recoveryCodes: string[] }).recoveryCodes };
}

/** Registers a software passkey through the API, as the Account page does with the browser's. */
async function addPasskey(context: TestContext, session: Session): Promise<SoftwarePasskey> {
  const passkey = createSoftwarePasskey(context.deps.config.publicUrl.origin);
  const options = await context.app.inject({
    method: 'POST',
    url: '/api/v1/me/passkeys/registration',
    headers: as(session),
  });
  expect(options.statusCode, options.body).toBe(200);
  const added = await context.app.inject({
    method: 'POST',
    url: '/api/v1/me/passkeys',
    headers: as(session),
    payload: { name: 'Test key', response: passkey.register(options.json() as { challenge: string }) },
  });
  expect(added.statusCode, added.body).toBe(201);
  return passkey;
}

/** The owner's latest recorded attempt, as the sign-in log keeps it. */
async function latestAttempt(context: TestContext, who: Owner) {
  return context.deps.database.db
    .selectFrom('sign_in_attempts')
    .select(['outcome', 'failure_reason', 'method', 'second_factor', 'step_reason', 'risk'])
    .where('org_id', '=', who.orgId)
    .where('user_id', '=', who.userId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

/** An owner with an authenticator app, enrolled at T0 from London. */
async function ownerWithApp(context: TestContext, rules?: PatchSecuritySettingsBody) {
  pin(context, T0);
  const who = await newOwner(context, rules);
  const session = await signIn(context.app, who.email, who.password, LONDON);
  const factor = await enrolTotp(context, session);
  return { who, ...factor };
}

describeEachDatabase('the second step of a sign-in', (ctx) => {
  it('asks a user with an authenticator app for a code, opens no session before it, and logs the factor', async () => {
    const { who, code } = await ownerWithApp(ctx());
    pin(ctx(), T0 + 10 * MINUTE);
    const first = await passwordStep(ctx(), who);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.cookies.find((cookie) => cookie.name === 'sk_session')).toBeUndefined();
    const step = first.json() as SecondStepRequired;
    expect(step).toMatchObject({ mfaRequired: true, reason: 'enrolled', riskFlags: [], passkeyOptions: null });
    expect(step.methods).toEqual(['totp', 'recovery_code']);

    const wrong = await verify(ctx(), {
      challenge: step.challenge,
      code: '000000' === code(ctx().deps.now()) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'invalid-second-factor' });
    expect(await latestAttempt(ctx(), who)).toMatchObject({
      outcome: 'failure',
      failure_reason: 'invalid_second_factor',
      second_factor: 'totp',
      step_reason: 'enrolled',
    });

    const right = await verify(ctx(), { challenge: step.challenge, code: code(ctx().deps.now()) });
    expect(right.statusCode, right.body).toBe(200);
    const cookie = right.cookies.find((entry) => entry.name === 'sk_session');
    expect(cookie?.value).toBeTruthy();
    const me = await ctx().app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `sk_session=${cookie?.value}` },
    });
    expect(me.json()).toMatchObject({ secondFactor: { enrolled: true, enrolmentOnly: false } });
    expect(await latestAttempt(ctx(), who)).toMatchObject({
      outcome: 'success',
      method: 'password',
      second_factor: 'totp',
      step_reason: 'enrolled',
    });

    // The challenge opened its session: it cannot open another.
    const again = await verify(ctx(), { challenge: step.challenge, code: code(ctx().deps.now()) });
    expect(again.json()).toMatchObject({ code: 'sign-in-challenge-invalid' });
  });

  it('refuses a code already used, even on a new challenge, and a challenge after its 5 minutes', async () => {
    const { who, code } = await ownerWithApp(ctx());
    pin(ctx(), T0 + 10 * MINUTE);
    const used = code(ctx().deps.now());
    const first = (await passwordStep(ctx(), who)).json() as SecondStepRequired;
    expect((await verify(ctx(), { challenge: first.challenge, code: used })).statusCode).toBe(200);
    const second = (await passwordStep(ctx(), who)).json() as SecondStepRequired;
    const replay = await verify(ctx(), { challenge: second.challenge, code: used });
    expect(replay.json()).toMatchObject({ code: 'invalid-second-factor' });

    pin(ctx(), T0 + 20 * MINUTE);
    const late = (await passwordStep(ctx(), who)).json() as SecondStepRequired;
    pin(ctx(), T0 + 25 * MINUTE + 1);
    const expired = await verify(ctx(), { challenge: late.challenge, code: code(ctx().deps.now()) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'sign-in-challenge-invalid' });
  });

  it('takes a recovery code once in place of the app’s code', async () => {
    const { who, recoveryCodes } = await ownerWithApp(ctx());
    pin(ctx(), T0 + 10 * MINUTE);
    const recovery = recoveryCodes[0] as string;
    const first = (await passwordStep(ctx(), who)).json() as SecondStepRequired;
    const ok = await verify(ctx(), { challenge: first.challenge, code: recovery.toUpperCase() });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await latestAttempt(ctx(), who)).toMatchObject({ second_factor: 'recovery_code' });
    const second = (await passwordStep(ctx(), who)).json() as SecondStepRequired;
    expect((await verify(ctx(), { challenge: second.challenge, code: recovery })).statusCode).toBe(401);
  });

  it('opens one session when twenty requests answer the same challenge with the right code at once', async () => {
    const { who, code } = await ownerWithApp(ctx());
    pin(ctx(), T0 + 10 * MINUTE);
    const step = (await passwordStep(ctx(), who)).json() as SecondStepRequired;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => verify(ctx(), { challenge: step.challenge, code: code(ctx().deps.now()) })),
    );
    expect(answers.filter((answer) => answer.statusCode === 200)).toHaveLength(1);
    // The others are refused: the code is spent (401), and past five such guesses the throttle answers (429).
    const strays = answers.filter((answer) => ![200, 401, 429].includes(answer.statusCode));
    expect(strays.map((answer) => `${answer.statusCode} ${answer.body}`)).toEqual([]);
  });

  it('steps up a right password from a new country, saying why, and logs the reason', async () => {
    const { who, code } = await ownerWithApp(ctx(), { learning: { signIns: 0, days: 0 } });
    pin(ctx(), T0 + 2 * DAY);
    const step = (await passwordStep(ctx(), who, LINKOPING)).json() as SecondStepRequired;
    expect(step).toMatchObject({ mfaRequired: true, reason: 'risk', riskFlags: ['new_country'] });
    expect(
      (await verify(ctx(), { challenge: step.challenge, code: code(ctx().deps.now()) }, LINKOPING)).statusCode,
    ).toBe(200);
    const logged = await latestAttempt(ctx(), who);
    expect(logged).toMatchObject({ outcome: 'success', second_factor: 'totp', step_reason: 'risk' });
    expect(JSON.parse(logged.risk)).toContain('new_country');
  });

  it('blocks a flagged sign-in where the organization chose to, and lets the same sign-in through where it allows', async () => {
    const rules = (onRisk: 'block' | 'allow'): PatchSecuritySettingsBody => ({
      learning: { signIns: 0, days: 0 },
      signIn: { requireSecondFactor: 'nobody', graceDays: 14, onRisk, appPasswordSignIn: true },
    });
    pin(ctx(), T0);
    const blocked = await newOwner(ctx(), rules('block'));
    await signIn(ctx().app, blocked.email, blocked.password, LONDON);
    pin(ctx(), T0 + 2 * DAY);
    const refused = await passwordStep(ctx(), blocked, LINKOPING);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'sign-in-blocked' });
    expect(await latestAttempt(ctx(), blocked)).toMatchObject({
      outcome: 'failure',
      failure_reason: 'blocked_by_risk',
    });

    pin(ctx(), T0);
    const allowed = await newOwner(ctx(), rules('allow'));
    await signIn(ctx().app, allowed.email, allowed.password, LONDON);
    pin(ctx(), T0 + 2 * DAY);
    const through = await passwordStep(ctx(), allowed, LINKOPING);
    expect(through.statusCode).toBe(200);
    expect(through.json()).toHaveProperty('csrfToken');
    expect(JSON.parse((await latestAttempt(ctx(), allowed)).risk)).toContain('new_country');
  });

  it('lets a user without a factor in during the grace period, then only to enrol, until they do', async () => {
    const required: PatchSecuritySettingsBody = {
      signIn: { requireSecondFactor: 'everyone', graceDays: 7, onRisk: 'step_up', appPasswordSignIn: true },
    };
    // The grace counts from the user's arrival too: this one arrives now, on the real clock.
    const start = Date.now();
    pin(ctx(), start);
    const who = await newOwner(ctx(), required);
    const arrived = await ctx()
      .deps.database.db.selectFrom('users')
      .select('created_at')
      .where('id', '=', who.userId)
      .executeTakeFirstOrThrow();
    const enrolBy = Math.max(start, arrived.created_at) + 7 * DAY;
    const during = await signIn(ctx().app, who.email, who.password, LONDON);
    const me = await ctx().app.inject({ method: 'GET', url: '/api/v1/me', headers: as(during) });
    expect(me.json()).toMatchObject({
      secondFactor: {
        enrolled: false,
        required: true,
        enrolBy: new Date(enrolBy).toISOString(),
        enrolmentOnly: false,
      },
    });
    expect((await ctx().app.inject({ method: 'GET', url: '/api/v1/users', headers: as(during) })).statusCode).toBe(200);

    pin(ctx(), enrolBy);
    const after = await signIn(ctx().app, who.email, who.password, LONDON);
    const users = await ctx().app.inject({ method: 'GET', url: '/api/v1/users', headers: as(after) });
    expect(users.statusCode).toBe(403);
    expect(users.json()).toMatchObject({ code: 'second-factor-enrolment-required' });
    const meAfter = await ctx().app.inject({ method: 'GET', url: '/api/v1/me', headers: as(after) });
    expect(meAfter.json()).toMatchObject({ secondFactor: { enrolmentOnly: true } });

    // Someone else with the password, restricted the same way, before the user enrols.
    const stranger = await signIn(ctx().app, who.email, who.password, LONDON);
    await enrolTotp(ctx(), after);
    expect((await ctx().app.inject({ method: 'GET', url: '/api/v1/users', headers: as(after) })).statusCode).toBe(200);
    // Only the session that enrolled is lifted; the other can neither use the console nor add a factor of its own.
    expect((await ctx().app.inject({ method: 'GET', url: '/api/v1/users', headers: as(stranger) })).statusCode).toBe(
      403,
    );
    const theirs = await ctx().app.inject({ method: 'POST', url: '/api/v1/me/mfa/totp', headers: as(stranger) });
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json()).toMatchObject({ code: 'second-factor-enrolment-required' });
    // From now on the password asks the code, and the log says the organization required it.
    const step = (await passwordStep(ctx(), who)).json() as SecondStepRequired;
    expect(step).toMatchObject({ mfaRequired: true, reason: 'required' });
  });

  it('never lets one user’s code answer another user’s challenge', async () => {
    const ada = await ownerWithApp(ctx());
    const ben = await ownerWithApp(ctx());
    // A moment when the two apps show different digits (they agree by chance one time in a million).
    let at = T0 + 10 * MINUTE;
    while (ben.code(at) === ada.code(at)) at += 30_000;
    pin(ctx(), at);
    const step = (await passwordStep(ctx(), ada.who)).json() as SecondStepRequired;
    const crossed = await verify(ctx(), { challenge: step.challenge, code: ben.code(at) });
    expect(crossed.statusCode).toBe(401);
    const benRecovery = await verify(ctx(), { challenge: step.challenge, code: ben.recoveryCodes[0] as string });
    expect(benRecovery.statusCode).toBe(401);
  });
  it('starts the grace when the requirement widens, keeps it on other changes, and forgets it when dropped', async () => {
    pin(ctx(), T0);
    const who = await newOwner(ctx());
    const session = await signIn(ctx().app, who.email, who.password, LONDON);
    const change = async (requireSecondFactor: 'nobody' | 'owners' | 'everyone', graceDays = 14) => {
      const response = await ctx().app.inject({
        method: 'PATCH',
        url: '/api/v1/organization/security',
        headers: as(session),
        payload: { signIn: { requireSecondFactor, graceDays, onRisk: 'step_up', appPasswordSignIn: true } },
      });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { signIn: { requiredSince: string | null } }).signIn.requiredSince;
    };
    pin(ctx(), T0 + HOUR);
    expect(await change('owners')).toBe(new Date(T0 + HOUR).toISOString());
    pin(ctx(), T0 + 2 * HOUR);
    expect(await change('owners', 30)).toBe(new Date(T0 + HOUR).toISOString());
    expect(await change('everyone')).toBe(new Date(T0 + 2 * HOUR).toISOString());
    pin(ctx(), T0 + 3 * HOUR);
    expect(await change('owners')).toBe(new Date(T0 + 2 * HOUR).toISOString());
    expect(await change('nobody')).toBeNull();
    const sneaked = await ctx().app.inject({
      method: 'PATCH',
      url: '/api/v1/organization/security',
      headers: as(session),
      payload: {
        signIn: {
          requireSecondFactor: 'owners',
          graceDays: 14,
          onRisk: 'step_up',
          appPasswordSignIn: true,
          requiredSince: '2020-01-01T00:00:00Z',
        },
      },
    });
    expect(sneaked.statusCode).toBe(400);
  });
  it('signs in with a passkey answering the challenge’s options, once, and never with another account’s passkey', async () => {
    pin(ctx(), T0);
    const who = await newOwner(ctx());
    const passkey = await addPasskey(ctx(), await signIn(ctx().app, who.email, who.password, LONDON));
    pin(ctx(), T0 + 10 * MINUTE);
    const step = (await passwordStep(ctx(), who)).json() as SecondStepRequired;
    expect(step.methods).toContain('passkey');
    const options = step.passkeyOptions as { challenge: string; allowCredentials: { id: string }[] };
    expect(options.allowCredentials.map((credential) => credential.id)).toEqual([passkey.id]);
    const answer = passkey.authenticate(options);
    const signedIn = await verify(ctx(), { challenge: step.challenge, passkey: answer });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(await latestAttempt(ctx(), who)).toMatchObject({ outcome: 'success', second_factor: 'passkey' });

    // The same signature on a new challenge is a replay: it signed the old challenge.
    const next = (await passwordStep(ctx(), who)).json() as SecondStepRequired;
    expect((await verify(ctx(), { challenge: next.challenge, passkey: answer })).statusCode).toBe(401);

    // Another owner's passkey, answering this owner's challenge, is refused.
    const other = await newOwner(ctx());
    const stranger = await addPasskey(ctx(), await signIn(ctx().app, other.email, other.password, LONDON));
    const crossed = await verify(ctx(), {
      challenge: next.challenge,
      passkey: stranger.authenticate(next.passkeyOptions as { challenge: string }),
    });
    expect(crossed.statusCode).toBe(401);
    expect(crossed.json()).toMatchObject({ code: 'invalid-second-factor' });
  });
  it('holds an app’s password sign-in to the same rules: blocked when flagged, refused for the browser when a factor is owed', async () => {
    const rules = (
      onRisk: 'block' | 'step_up',
      requireSecondFactor: 'nobody' | 'everyone',
    ): PatchSecuritySettingsBody => ({
      learning: { signIns: 0, days: 0 },
      signIn: { requireSecondFactor, graceDays: 0, onRisk, appPasswordSignIn: true },
    });
    pin(ctx(), T0);
    const flagged = await newOwner(ctx(), rules('block', 'nobody'));
    const { productKey } = await createSubscription(ctx(), flagged.orgId, { seats: 5 });
    await signIn(ctx().app, flagged.email, flagged.password, LONDON);
    pin(ctx(), T0 + 2 * DAY);
    const blocked = await startAppSession(
      ctx(),
      { email: flagged.email, password: flagged.password, appKey: productKey },
      LINKOPING,
    );
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'sign-in-blocked' });

    // Required of everyone, no grace, no factor yet: the console would only let them enrol.
    // (On the real clock: the grace counts from the user's arrival, which is now.)
    pin(ctx(), Date.now());
    const owing = await newOwner(ctx(), rules('step_up', 'everyone'));
    pin(ctx(), Date.now() + MINUTE);
    const refused = await startAppSession(ctx(), { email: owing.email, password: owing.password, appKey: productKey });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'browser-sign-in-required' });
    expect(await latestAttempt(ctx(), owing)).toMatchObject({ failure_reason: 'browser_sign_in_required' });
  });
  it('gives a newcomer whose organization requires a factor with no grace a first session that can only enrol', async () => {
    pin(ctx(), Date.now());
    const who = await newOwner(ctx());
    const owner = await signIn(ctx().app, who.email, who.password, LONDON);
    // Required from now on, with no grace: the owner's own session, opened before, goes on.
    await changeSecuritySettings(
      ctx().deps.database.db,
      who.orgId,
      { signIn: { requireSecondFactor: 'everyone', graceDays: 0, onRisk: 'step_up', appPasswordSignIn: true } },
      OPERATOR_CLI,
      ctx().deps.now(),
    );
    const added = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as(owner),
      payload: { email: `newcomer-${Date.now()}@example.com`, name: 'Newcomer', role: 'member' },
    });
    const { invitation } = added.json() as { invitation: { token: string } };
    pin(ctx(), Date.now() + MINUTE);
    const accepted = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${invitation.token}/accept`,
      payload: { password: 'a newcomer passphrase' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const cookie = accepted.cookies.find((entry) => entry.name === 'sk_session');
    const headers = { cookie: `sk_session=${cookie?.value}` };
    const me = await ctx().app.inject({ url: '/api/v1/me', headers });
    expect(me.json()).toMatchObject({ secondFactor: { required: true, enrolled: false, enrolmentOnly: true } });
    const licenses = await ctx().app.inject({ url: '/api/v1/me/licenses', headers });
    expect(licenses.json()).toMatchObject({ code: 'second-factor-enrolment-required' });
  });
});
