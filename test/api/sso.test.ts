import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/features/auth/index.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { ssoRedirectUri } from '../../src/server/features/sso/index.ts';
import { consoleUrl } from '../../src/server/features/sso-sign-in/console-link.ts';
import { SSO_REQUEST_TTL_MS } from '../../src/server/features/sso-sign-in/index.ts';
import { SSO_STARTS_PER_MINUTE } from '../../src/server/features/sso-sign-in/sso-start-throttle.ts';
import { insertUser, newUserRow } from '../../src/server/features/users/index.ts';
import { hashToken } from '../../src/server/lib/secure-token.ts';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { as, attemptSignIn, type Session, signIn } from '../helpers/session.ts';
import { describeEachDatabase, OWNER_PASSWORD, type TestContext } from '../helpers/test-app.ts';

const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

/** The test app's PUBLIC_URL: the callback redirects to absolute console URLs under it. */
const CONSOLE = 'http://localhost:3000';
const BINDING_COOKIE = 'sk_sso_state';

/** Each trip's start from its own address, so the start throttle (per address and minute) never bites a test. */
let tripAddress = 0;

/** The browser's start: the provider's URL, and the binding cookie (`name=value`) the answer set. */
async function startSso(context: TestContext, email: string, returnTo?: string) {
  tripAddress += 1;
  const start = await context.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sso/start',
    remoteAddress: `198.51.100.${tripAddress % 250}`,
    payload: { email, ...(returnTo ? { returnTo } : {}) },
  });
  expect(start.statusCode, start.body).toBe(200);
  const binding = start.cookies.find((entry) => entry.name === BINDING_COOKIE);
  expect(binding?.value).toBeTruthy();
  return { redirectUrl: start.json().redirectUrl as string, cookie: `${BINDING_COOKIE}=${binding?.value}` };
}

/** What the browser does: start, the provider's pages, back to our callback. Answers the callback's answer. */
async function ssoTrip(context: TestContext, provider: TestProvider, email: string, returnTo?: string) {
  const { redirectUrl, cookie } = await startSso(context, email, returnTo);
  const callback = await provider.followToCallback(redirectUrl);
  return { callbackUrl: callback, cookie, answer: await returnToSeatkeeper(context, callback, cookie) };
}

/** The provider's redirect back, in the browser that carries `cookie` (none: another browser). */
function returnToSeatkeeper(context: TestContext, callback: URL, cookie?: string) {
  expect(callback.href.startsWith(ssoRedirectUri(context.deps.config.publicUrl))).toBe(true);
  return context.app.inject({
    url: `${callback.pathname}${callback.search}`,
    remoteAddress: '203.0.113.20',
    headers: { 'user-agent': BROWSER, ...(cookie ? { cookie } : {}) },
  });
}

function sessionCookieOf(answer: { cookies: { name: string; value: string }[] }) {
  const cookie = answer.cookies.find((entry) => entry.name === 'sk_session');
  return cookie ? `sk_session=${cookie.value}` : undefined;
}

async function attemptsOf(context: TestContext, email: string) {
  return context.deps.database.db
    .selectFrom('sign_in_attempts')
    .select(['org_id', 'user_id', 'outcome', 'failure_reason', 'method', 'client'])
    .where('email', '=', email)
    .orderBy('id')
    .execute();
}

/** An organization whose owner's address is at `domain`, with a password. */
async function createOrg(context: TestContext, name: string, domain: string) {
  const email = `owner@${domain}`;
  const { organization, ownerId } = await createOrganization(context.deps.database.db, {
    name,
    ownerEmail: email,
    ownerPassword: OWNER_PASSWORD,
    ownerName: `${name} Owner`,
  });
  const owner = await signIn(context.app, email, OWNER_PASSWORD);
  return { orgId: organization.id, ownerId, email, owner };
}

async function addUser(
  context: TestContext,
  orgId: string,
  email: string,
  options: { role?: 'owner' | 'member'; password?: string } = {},
) {
  const row = newUserRow({
    orgId,
    email,
    name: email.split('@')[0] ?? email,
    role: options.role ?? 'member',
    passwordHash: options.password ? await hashPassword(options.password) : null,
    now: Date.now(),
  });
  await insertUser(context.deps.database.db, row);
  return row;
}

function putSso(context: TestContext, session: Session, body: Record<string, unknown>) {
  return context.app.inject({ method: 'PUT', url: '/api/v1/organization/sso', headers: as(session), payload: body });
}

describeEachDatabase('single sign-on (OpenID Connect)', (context) => {
  let providerA: TestProvider;
  let providerB: TestProvider;
  let northwind: Awaited<ReturnType<typeof createOrg>>;
  let contoso: Awaited<ReturnType<typeof createOrg>>;
  const settingsA = () => ({
    issuer: providerA.issuer,
    clientId: providerA.clientId,
    domains: ['Northwind.test', 'northwind.test'],
    justInTime: false,
    ssoOnly: false,
    enabled: true,
  });

  beforeAll(async () => {
    const redirectUris = [ssoRedirectUri(context().deps.config.publicUrl)];
    providerA = await startTestProvider({ redirectUris });
    providerB = await startTestProvider({ redirectUris });
    northwind = await createOrg(context(), 'Northwind', 'northwind.test');
    contoso = await createOrg(context(), 'Contoso', 'contoso.test');
    for (const email of ['dana@northwind.test', 'new@northwind.test', 'gone@northwind.test', 'eve@northwind.test']) {
      providerA.accounts.set(email, { sub: `a-${email}`, email, email_verified: true, name: 'Someone New' });
    }
    providerB.accounts.set('carl@contoso.test', { sub: 'b-carl', email: 'carl@contoso.test', email_verified: true });
  });
  afterAll(async () => {
    await providerA?.close();
    await providerB?.close();
  });

  it('answers no connection at first, with the redirect URI to register', async () => {
    const answer = await context().app.inject({ url: '/api/v1/organization/sso', headers: as(northwind.owner) });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      connection: null,
      redirectUri: 'http://localhost:3000/api/v1/auth/sso/callback',
    });
  });

  it('refuses settings it cannot use: no secret, an issuer that does not answer, http elsewhere than loopback', async () => {
    const noSecret = await putSso(context(), northwind.owner, settingsA());
    expect(noSecret.json().code).toBe('sso-client-secret-required');
    const secret = { clientSecret: providerA.clientSecret };
    const unreachable = await putSso(context(), northwind.owner, {
      ...settingsA(),
      ...secret,
      issuer: 'http://127.0.0.1:9',
    });
    expect([unreachable.statusCode, unreachable.json().code]).toEqual([400, 'sso-discovery-failed']);
    const insecure = await putSso(context(), northwind.owner, {
      ...settingsA(),
      ...secret,
      issuer: 'http://login.northwind.test',
    });
    expect(insecure.json().code).toBe('sso-discovery-failed');
    expect(insecure.json().detail).toContain('https');
    // No https issuer at a private, loopback, link-local or unique-local address (by literal or by name),
    // and the answer does not say which address the name resolved to.
    for (const issuer of [
      'https://10.0.0.1',
      'https://127.0.0.1:9',
      'https://localhost:9',
      'https://169.254.169.254',
      'https://[fd00::1]',
      'https://[::ffff:192.168.0.1]',
    ]) {
      const refused = await putSso(context(), northwind.owner, { ...settingsA(), ...secret, issuer });
      expect([issuer, refused.statusCode, refused.json().code]).toEqual([issuer, 400, 'sso-discovery-failed']);
      expect(refused.json().detail, issuer).toContain('not a public internet address');
      expect(refused.json().detail, issuer).not.toMatch(/127\.0\.0\.1|::1|loopback|private|link-local/);
    }
    const badDomain = await putSso(context(), northwind.owner, {
      ...settingsA(),
      ...secret,
      domains: ['not a domain'],
    });
    expect(badDomain.statusCode).toBe(400);
    const onlyWithoutBreakGlass = await putSso(context(), northwind.owner, {
      ...settingsA(),
      ...secret,
      ssoOnly: true,
    });
    expect(onlyWithoutBreakGlass.json().code).toBe('sso-break-glass-invalid');
    const member = await addUser(context(), northwind.orgId, 'member@northwind.test', { password: OWNER_PASSWORD });
    const memberAsBreakGlass = await putSso(context(), northwind.owner, {
      ...settingsA(),
      ...secret,
      ssoOnly: true,
      breakGlassUserId: member.id,
    });
    expect(memberAsBreakGlass.json().code).toBe('sso-break-glass-invalid');
    const otherOrgsOwner = await putSso(context(), northwind.owner, {
      ...settingsA(),
      ...secret,
      ssoOnly: true,
      breakGlassUserId: contoso.ownerId,
    });
    expect(otherOrgsOwner.json().code).toBe('sso-break-glass-invalid');
  });

  it('saves a connection after discovery and never answers its secret', async () => {
    const saved = await putSso(context(), northwind.owner, { ...settingsA(), clientSecret: providerA.clientSecret });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).not.toContain(providerA.clientSecret);
    expect(saved.json().connection).toMatchObject({
      issuer: providerA.issuer,
      clientId: providerA.clientId,
      clientSecretSet: true,
      domains: ['northwind.test'],
      justInTime: false,
      ssoOnly: false,
      breakGlassUserId: null,
      enabled: true,
    });
    const read = await context().app.inject({ url: '/api/v1/organization/sso', headers: as(northwind.owner) });
    expect(read.json()).toEqual(saved.json());
  });

  it('starts only for a domain with an enabled connection, and only towards a path of this server', async () => {
    const none = await context().app.inject({
      method: 'POST',
      url: '/api/v1/auth/sso/start',
      payload: { email: 'dana@nowhere.test' },
    });
    expect([none.statusCode, none.json().code]).toEqual([404, 'sso-not-configured']);
    // Browsers drop tabs and newlines from URLs: `/\t/evil.example` would open `//evil.example`.
    for (const returnTo of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/\u0000/evil.example',
      '/\u007f/evil.example',
    ]) {
      const answer = await context().app.inject({
        method: 'POST',
        url: '/api/v1/auth/sso/start',
        payload: { email: 'dana@northwind.test', returnTo },
      });
      expect(answer.statusCode, returnTo).toBe(400);
    }
    const start = await context().app.inject({
      method: 'POST',
      url: '/api/v1/auth/sso/start',
      payload: { email: 'Dana@Northwind.test' },
    });
    // The browser binding: HttpOnly, SameSite=Lax, for the sign-in's routes only, 10 minutes.
    const binding = start.cookies.find((entry) => entry.name === BINDING_COOKIE);
    expect(binding).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/sso', maxAge: 600 });
    expect(binding?.secure).toBeFalsy();
    const url = new URL(start.json().redirectUrl);
    expect(url.searchParams.get('state')).toBe(binding?.value);
    expect(url.origin).toBe(providerA.issuer);
    expect(url.searchParams.get('login_hint')).toBe('Dana@Northwind.test');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(ssoRedirectUri(context().deps.config.publicUrl));
  });

  it('signs in an existing member through the provider, once per state, recorded with method sso', async () => {
    const dana = await addUser(context(), northwind.orgId, 'dana@northwind.test');
    const { callbackUrl, cookie, answer } = await ssoTrip(
      context(),
      providerA,
      'dana@northwind.test',
      '/me?tab=sessions',
    );
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe(`${CONSOLE}/me?tab=sessions`);
    const session = sessionCookieOf(answer);
    expect(answer.cookies.some((entry) => entry.name === 'sk_device')).toBe(true);
    // The binding cookie is cleared once used.
    expect(answer.cookies.find((entry) => entry.name === BINDING_COOKIE)).toMatchObject({ value: '' });
    const me = await context().app.inject({ url: '/api/v1/me', headers: { cookie: session ?? '' } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ id: dana.id, email: 'dana@northwind.test' });

    const replay = await returnToSeatkeeper(context(), callbackUrl, cookie);
    expect([replay.statusCode, replay.headers.location]).toEqual([303, `${CONSOLE}/login?sso_error=expired`]);
    expect(sessionCookieOf(replay)).toBeUndefined();

    expect(await attemptsOf(context(), 'dana@northwind.test')).toEqual([
      {
        org_id: northwind.orgId,
        user_id: dana.id,
        outcome: 'success',
        failure_reason: null,
        method: 'sso',
        client: 'console',
      },
    ]);
  });

  it('refuses a return in another browser than the one that started it, recording nothing', async () => {
    const before = (await attemptsOf(context(), 'dana@northwind.test')).length;
    // The attacker's own sign-in, its return sent to the victim's browser: no binding cookie there…
    const attackers = await startSso(context(), 'dana@northwind.test');
    const callback = await providerA.followToCallback(attackers.redirectUrl);
    const noCookie = await returnToSeatkeeper(context(), callback);
    expect([noCookie.statusCode, noCookie.headers.location]).toEqual([
      303,
      `${CONSOLE}/login?sso_error=browser-mismatch`,
    ]);
    expect(sessionCookieOf(noCookie)).toBeUndefined();
    // …or the victim's own pending sign-in's cookie: refused too, and the victim's cookie is left alone.
    const victims = await startSso(context(), 'dana@northwind.test');
    const otherCookie = await returnToSeatkeeper(context(), callback, victims.cookie);
    expect(otherCookie.headers.location).toBe(`${CONSOLE}/login?sso_error=browser-mismatch`);
    expect(sessionCookieOf(otherCookie)).toBeUndefined();
    expect(otherCookie.cookies.some((entry) => entry.name === BINDING_COOKIE)).toBe(false);
    expect((await attemptsOf(context(), 'dana@northwind.test')).length).toBe(before);
    // The browser that started it still finishes it (the refusals did not use the state up).
    const own = await returnToSeatkeeper(context(), callback, attackers.cookie);
    expect(own.headers.location).toBe(`${CONSOLE}/`);
    expect(sessionCookieOf(own)).toBeDefined();
  });

  it('never redirects off-site, whatever return path was stored', async () => {
    for (const stored of ['/\t/evil.example', '//evil.example/', '/\\evil.example', 'https://evil.example/']) {
      const { redirectUrl, cookie } = await startSso(context(), 'dana@northwind.test');
      const callback = await providerA.followToCallback(redirectUrl);
      // A row written before the start's check was tightened (or by hand).
      await context()
        .deps.database.db.updateTable('sso_requests')
        .set({ return_to: stored })
        .where('state_hash', '=', hashToken(callback.searchParams.get('state') ?? ''))
        .execute();
      const answer = await returnToSeatkeeper(context(), callback, cookie);
      expect([stored, answer.statusCode, answer.headers.location]).toEqual([stored, 303, `${CONSOLE}/`]);
    }
  });

  it('builds the console links under PUBLIC_URL’s path, on its origin only', () => {
    for (const base of ['https://example.com/seatkeeper', 'https://example.com/seatkeeper/']) {
      const publicUrl = new URL(base);
      expect(consoleUrl(publicUrl, '/')).toBe('https://example.com/seatkeeper/');
      expect(consoleUrl(publicUrl, '/login?sso_error=expired')).toBe(
        'https://example.com/seatkeeper/login?sso_error=expired',
      );
      expect(consoleUrl(publicUrl, '/me?tab=sessions')).toBe('https://example.com/seatkeeper/me?tab=sessions');
      for (const unsafe of ['//evil.example', '/\t/evil.example', '/\\evil.example', 'https://evil.example']) {
        expect(consoleUrl(publicUrl, unsafe)).toBe('https://example.com/seatkeeper/');
      }
      expect(new URL(consoleUrl(publicUrl, '/a/..//evil.example')).origin).toBe('https://example.com');
    }
    expect(consoleUrl(new URL('http://localhost:3000'), '/me')).toBe('http://localhost:3000/me');
  });

  it(`throttles starts per address, an IPv6 client by its /64 (${SSO_STARTS_PER_MINUTE} a minute)`, async () => {
    const startFrom = (remoteAddress: string) =>
      context().app.inject({
        method: 'POST',
        url: '/api/v1/auth/sso/start',
        remoteAddress,
        payload: { email: 'someone@nowhere.test' },
      });
    for (let index = 1; index <= SSO_STARTS_PER_MINUTE; index += 1) {
      expect((await startFrom(`2001:db8:5:6::${index.toString(16)}`)).statusCode).toBe(404);
    }
    const refused = await startFrom('2001:db8:5:6:ffff::1');
    expect([refused.statusCode, refused.json().code]).toEqual([429, 'too-many-sso-starts']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await startFrom('2001:db8:5:7::1')).statusCode).toBe(404);
  });

  it('refuses a return after 10 minutes', async () => {
    const start = await startSso(context(), 'dana@northwind.test');
    const callback = await providerA.followToCallback(start.redirectUrl);
    context().clock.offsetMs = SSO_REQUEST_TTL_MS;
    try {
      const late = await returnToSeatkeeper(context(), callback, start.cookie);
      expect(late.headers.location).toBe(`${CONSOLE}/login?sso_error=expired`);
    } finally {
      context().clock.offsetMs = 0;
    }
  });

  it('creates unknown users of the domain only with just-in-time creation on', async () => {
    const off = await ssoTrip(context(), providerA, 'new@northwind.test');
    expect(off.answer.headers.location).toBe(`${CONSOLE}/login?sso_error=unknown-account`);
    expect(sessionCookieOf(off.answer)).toBeUndefined();

    // No secret given: the stored one stays.
    const on = await putSso(context(), northwind.owner, { ...settingsA(), justInTime: true });
    expect(on.statusCode, on.body).toBe(200);
    const created = await ssoTrip(context(), providerA, 'new@northwind.test');
    expect(created.answer.headers.location).toBe(`${CONSOLE}/`);
    const me = await context().app.inject({
      url: '/api/v1/me',
      headers: { cookie: sessionCookieOf(created.answer) ?? '' },
    });
    expect(me.json().user).toMatchObject({
      email: 'new@northwind.test',
      role: 'member',
      status: 'active',
      name: 'Someone New',
    });
    const row = await context()
      .deps.database.db.selectFrom('users')
      .select(['org_id', 'password_hash'])
      .where('email_normalized', '=', 'new@northwind.test')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ org_id: northwind.orgId, password_hash: null });
    expect(
      (await attemptsOf(context(), 'new@northwind.test')).map((attempt) => [
        attempt.outcome,
        attempt.failure_reason,
        attempt.method,
      ]),
    ).toEqual([
      ['failure', 'unknown_account', 'sso'],
      ['success', null, 'sso'],
    ]);
  });

  it('signs in only verified addresses of the organization’s domains, and no deactivated user', async () => {
    providerA.signInAs = () => ({ sub: 'a-outsider', email: 'someone@elsewhere.test', email_verified: true });
    try {
      const outside = await ssoTrip(context(), providerA, 'dana@northwind.test');
      expect(outside.answer.headers.location).toBe(`${CONSOLE}/login?sso_error=domain-mismatch`);
      providerA.signInAs = () => ({ sub: 'a-unverified', email: 'dana@northwind.test', email_verified: false });
      const unverified = await ssoTrip(context(), providerA, 'dana@northwind.test');
      expect(unverified.answer.headers.location).toBe(`${CONSOLE}/login?sso_error=email-unverified`);
      providerA.signInAs = () => ({ sub: 'a-no-email' });
      const noEmail = await ssoTrip(context(), providerA, 'dana@northwind.test');
      expect(noEmail.answer.headers.location).toBe(`${CONSOLE}/login?sso_error=email-unverified`);
    } finally {
      providerA.signInAs = undefined;
    }
    expect(await attemptsOf(context(), 'someone@elsewhere.test')).toEqual([
      expect.objectContaining({
        org_id: northwind.orgId,
        user_id: null,
        failure_reason: 'unknown_account',
        method: 'sso',
      }),
    ]);

    const gone = await addUser(context(), northwind.orgId, 'gone@northwind.test');
    await context()
      .deps.database.db.updateTable('users')
      .set({ status: 'deactivated', deactivated_at: Date.now() })
      .where('id', '=', gone.id)
      .execute();
    const refused = await ssoTrip(context(), providerA, 'gone@northwind.test');
    expect(refused.answer.headers.location).toBe(`${CONSOLE}/login?sso_error=deactivated`);
    expect(await attemptsOf(context(), 'gone@northwind.test')).toEqual([
      expect.objectContaining({ user_id: gone.id, outcome: 'failure', failure_reason: 'deactivated', method: 'sso' }),
    ]);

    // The provider's own refusal comes back as an error, not a code.
    const nobody = await ssoTrip(context(), providerA, 'nobody@northwind.test');
    expect(nobody.answer.headers.location).toBe(`${CONSOLE}/login?sso_error=provider-error`);
  });

  it('keeps organizations apart: domains, providers and accounts', async () => {
    const claimA = await putSso(context(), contoso.owner, {
      issuer: providerB.issuer,
      clientId: providerB.clientId,
      clientSecret: providerB.clientSecret,
      domains: ['contoso.test', 'northwind.test'],
      justInTime: true,
      ssoOnly: false,
      enabled: true,
    });
    expect([claimA.statusCode, claimA.json().code]).toEqual([409, 'sso-domain-taken']);
    // A domain where Northwind has people, though it has not claimed it.
    await addUser(context(), northwind.orgId, 'ann@fabrikam.test');
    const claimUsed = await putSso(context(), contoso.owner, {
      issuer: providerB.issuer,
      clientId: providerB.clientId,
      clientSecret: providerB.clientSecret,
      domains: ['contoso.test', 'fabrikam.test'],
      justInTime: true,
      ssoOnly: false,
      enabled: true,
    });
    expect(claimUsed.json().code).toBe('sso-domain-taken');
    const saved = await putSso(context(), contoso.owner, {
      issuer: providerB.issuer,
      clientId: providerB.clientId,
      clientSecret: providerB.clientSecret,
      domains: ['contoso.test'],
      justInTime: true,
      ssoOnly: false,
      enabled: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const carl = await ssoTrip(context(), providerB, 'carl@contoso.test');
    expect(carl.answer.headers.location).toBe(`${CONSOLE}/`);
    const carlMe = await context().app.inject({
      url: '/api/v1/me',
      headers: { cookie: sessionCookieOf(carl.answer) ?? '' },
    });
    expect(carlMe.json().user.orgId).toBe(contoso.orgId);

    // Contoso's provider asserting a Northwind address: not Contoso's domain, no sign-in anywhere.
    providerB.signInAs = () => ({ sub: 'b-dana', email: 'dana@northwind.test', email_verified: true });
    try {
      const crossed = await ssoTrip(context(), providerB, 'carl@contoso.test');
      expect(crossed.answer.headers.location).toBe(`${CONSOLE}/login?sso_error=domain-mismatch`);
      expect(sessionCookieOf(crossed.answer)).toBeUndefined();
    } finally {
      providerB.signInAs = undefined;
    }

    // A Contoso user whose address is at Northwind's domain: Northwind's provider cannot sign them in,
    // even with just-in-time creation on, and the refusal is Northwind's record, not Contoso's user's.
    const eve = await addUser(context(), contoso.orgId, 'eve@northwind.test');
    const eveTrip = await ssoTrip(context(), providerA, 'eve@northwind.test');
    expect(eveTrip.answer.headers.location).toBe(`${CONSOLE}/login?sso_error=unknown-account`);
    expect(await attemptsOf(context(), 'eve@northwind.test')).toEqual([
      expect.objectContaining({ org_id: northwind.orgId, user_id: null, failure_reason: 'unknown_account' }),
    ]);
    expect(eve.org_id).toBe(contoso.orgId);
  });

  it('refuses passwords at SSO-only domains, but the break-glass owner’s and other organizations’ users', async () => {
    const ops = await addUser(context(), northwind.orgId, 'ops@northwind.test', {
      role: 'owner',
      password: OWNER_PASSWORD,
    });
    const only = await putSso(context(), northwind.owner, {
      ...settingsA(),
      ssoOnly: true,
      breakGlassUserId: northwind.ownerId,
    });
    expect(only.statusCode, only.body).toBe(200);
    expect(only.json().connection).toMatchObject({ ssoOnly: true, breakGlassUserId: northwind.ownerId });

    const refused = await attemptSignIn(context().app, 'ops@northwind.test', OWNER_PASSWORD);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'sso-required']);
    const unknown = await attemptSignIn(context().app, 'nobody@northwind.test', 'whatever it is');
    expect([unknown.statusCode, unknown.json().code]).toEqual([403, 'sso-required']);
    const breakGlass = await attemptSignIn(context().app, northwind.email, OWNER_PASSWORD);
    expect(breakGlass.statusCode).toBe(200);
    // Eve is Contoso's: Northwind's rule does not lock her out (she has no password: 401, not 403).
    const eve = await attemptSignIn(context().app, 'eve@northwind.test', 'whatever it is');
    expect(eve.statusCode).toBe(401);
    // The provider still works for them.
    const opsTrip = await ssoTrip(context(), providerA, 'dana@northwind.test');
    expect(opsTrip.answer.headers.location).toBe(`${CONSOLE}/`);
    expect(ops.role).toBe('owner');
  });

  it('switched off or removed: no start, and a pending return is refused', async () => {
    const start = await startSso(context(), 'dana@northwind.test');
    const callback = await providerA.followToCallback(start.redirectUrl);
    const off = await putSso(context(), northwind.owner, {
      ...settingsA(),
      enabled: false,
      issuer: 'https://down.example',
    });
    expect(off.statusCode, off.body).toBe(200);
    const pending = await returnToSeatkeeper(context(), callback, start.cookie);
    expect(pending.headers.location).toBe(`${CONSOLE}/login?sso_error=not-configured`);
    // Switched off, SSO only no longer applies.
    expect((await attemptSignIn(context().app, 'member@northwind.test', OWNER_PASSWORD)).statusCode).toBe(200);

    const removed = await context().app.inject({
      method: 'DELETE',
      url: '/api/v1/organization/sso',
      headers: as(northwind.owner),
    });
    expect(removed.statusCode).toBe(204);
    const read = await context().app.inject({ url: '/api/v1/organization/sso', headers: as(northwind.owner) });
    expect(read.json().connection).toBeNull();
    const none = await context().app.inject({
      method: 'POST',
      url: '/api/v1/auth/sso/start',
      payload: { email: 'dana@northwind.test' },
    });
    expect(none.json().code).toBe('sso-not-configured');
  });

  it('is for owners only', async () => {
    const member = await signIn(context().app, 'member@northwind.test', OWNER_PASSWORD);
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const answer = await context().app.inject({
        method,
        url: '/api/v1/organization/sso',
        headers: as(member),
        ...(method === 'PUT' ? { payload: { ...settingsA(), clientSecret: 'x' } } : {}),
      });
      expect([method, answer.statusCode]).toEqual([method, 403]);
    }
  });
});
