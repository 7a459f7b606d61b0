import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeatkeeperClient, type FetchLike, SeatkeeperError } from '../../src/sdk/index.ts';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/database.ts';
import { issueDeviceCredential, readDeviceCredential } from '../../src/server/features/auth/device-credential.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { assignSeat, createMember, createSubscription, DEVICE, MEMBER_PASSWORD } from '../helpers/licenses.ts';
import { attemptSignIn, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, createTestContext, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

/**
 * OWASP's device cookies: a browser or app install that has signed in to an account before
 * is throttled on its own, so a stranger who fails 5 times on the account (and is then
 * refused, as is every other newcomer) cannot lock its owner out.
 */

const OWNER_IP = '198.51.100.7';
const STRANGER_IP = '203.0.113.66';
const WRONG = 'not the password';

/** Locks the account for untrusted clients: 5 wrong passwords from the stranger's address. */
async function lockOut(context: TestContext, email: string, ip = STRANGER_IP) {
  for (let index = 0; index < 5; index++) {
    expect((await attemptSignIn(context.app, email, WRONG, { remoteAddress: ip })).statusCode).toBe(401);
  }
  expect((await attemptSignIn(context.app, email, WRONG, { remoteAddress: ip })).statusCode).toBe(429);
}

const deviceCookieOf = (response: { cookies: { name: string; value: string }[] }) => {
  const cookie = response.cookies.find((entry) => entry.name === 'sk_device');
  return cookie ? `sk_device=${cookie.value}` : undefined;
};

describeEachDatabase('device credentials in the console', (ctx) => {
  it('sets a long-lived HttpOnly, SameSite=Lax device cookie for the API at every sign-in', async () => {
    const org = await createOrgWithOwner(ctx());
    const first = await attemptSignIn(ctx().app, org.email, org.password);
    const cookie = first.cookies.find((entry) => entry.name === 'sk_device');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1', maxAge: 180 * 24 * 3600 });
    expect(cookie?.secure).toBeFalsy();
    const second = await attemptSignIn(ctx().app, org.email, org.password, { deviceCookie: deviceCookieOf(first) });
    expect(deviceCookieOf(second)).toBeDefined();
    expect(deviceCookieOf(second)).not.toBe(deviceCookieOf(first));
  });

  it('lets a browser that signed in before in while strangers have locked the account', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password, OWNER_IP);
    await lockOut(ctx(), org.email);

    // Anyone without the cookie, the owner on a new browser included, waits out the lockout.
    const strangerRight = await attemptSignIn(ctx().app, org.email, org.password, { remoteAddress: STRANGER_IP });
    expect(strangerRight.statusCode).toBe(429);
    expect((await attemptSignIn(ctx().app, org.email, org.password, { remoteAddress: OWNER_IP })).statusCode).toBe(429);
    // The owner's own browser does not; and a typo there is an ordinary 401, not a 429.
    const typo = await attemptSignIn(ctx().app, org.email, WRONG, {
      remoteAddress: OWNER_IP,
      deviceCookie: owner.deviceCookie,
    });
    expect(typo.statusCode).toBe(401);
    const back = await attemptSignIn(ctx().app, org.email, org.password, {
      remoteAddress: OWNER_IP,
      deviceCookie: owner.deviceCookie,
    });
    expect(back.statusCode).toBe(200);
    // …even from the stranger's address: the device, not the address, is what is trusted.
    const travelling = await attemptSignIn(ctx().app, org.email, org.password, {
      remoteAddress: STRANGER_IP,
      deviceCookie: deviceCookieOf(back),
    });
    expect(travelling.statusCode).toBe(200);
  });

  it('lets trusted browsers in from an address that a password spray has locked', async () => {
    const office = '192.0.2.200';
    const org = await createOrgWithOwner(ctx());
    const colleague = await signIn(ctx().app, org.email, org.password, office);
    // Someone in the same office (same public address) sprays 30 accounts: the address is locked.
    for (let index = 0; index < 30; index++) {
      const spray = await attemptSignIn(ctx().app, `sprayed-${index}@example.com`, WRONG, { remoteAddress: office });
      expect(spray.statusCode).toBe(401);
    }
    expect((await attemptSignIn(ctx().app, org.email, org.password, { remoteAddress: office })).statusCode).toBe(429);
    const trusted = await attemptSignIn(ctx().app, org.email, org.password, {
      remoteAddress: office,
      deviceCookie: colleague.deviceCookie,
    });
    expect(trusted.statusCode).toBe(200);
  });

  it('locks out a device credential that fails too often, and only that one', async () => {
    const org = await createOrgWithOwner(ctx());
    const laptop = await signIn(ctx().app, org.email, org.password, OWNER_IP);
    const phone = await signIn(ctx().app, org.email, org.password, OWNER_IP);
    const fromLaptop = (password: string) =>
      attemptSignIn(ctx().app, org.email, password, { remoteAddress: OWNER_IP, deviceCookie: laptop.deviceCookie });
    for (let index = 0; index < 5; index++) expect((await fromLaptop(WRONG)).statusCode).toBe(401);
    const locked = await fromLaptop(org.password);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    // The laptop's failures are its own: the phone and new browsers still sign in.
    expect(
      (await attemptSignIn(ctx().app, org.email, org.password, { deviceCookie: phone.deviceCookie })).statusCode,
    ).toBe(200);
    expect((await attemptSignIn(ctx().app, org.email, org.password)).statusCode).toBe(200);
  });

  it('treats a tampered, expired or another user’s credential as no credential', async () => {
    const victim = await createOrgWithOwner(ctx(), 'Victim');
    const attacker = await createOrgWithOwner(ctx(), 'Attacker');
    const victimBrowser = await signIn(ctx().app, victim.email, victim.password, OWNER_IP);
    const attackerBrowser = await signIn(ctx().app, attacker.email, attacker.password, STRANGER_IP);
    await lockOut(ctx(), victim.email);
    const tryWith = (deviceCookie: string) =>
      attemptSignIn(ctx().app, victim.email, victim.password, { remoteAddress: OWNER_IP, deviceCookie });

    // Bound to the user it was issued to.
    expect((await tryWith(attackerBrowser.deviceCookie)).statusCode).toBe(429);
    // Signed: changing the nonce (to dodge the credential's own count) or the user breaks it.
    const [version, userId, nonce, issuedAt, mac] = victimBrowser.deviceCookie.split('=')[1]?.split('.') ?? [];
    expect((await tryWith(`sk_device=${version}.${userId}.${nonce}x.${issuedAt}.${mac}`)).statusCode).toBe(429);
    expect(
      (await tryWith(`sk_device=${version}.${attackerBrowser.userId}.${nonce}.${issuedAt}.${mac}`)).statusCode,
    ).toBe(429);
    expect((await tryWith('sk_device=garbage')).statusCode).toBe(429);
    // Expires after 180 days.
    ctx().clock.offsetMs = 181 * DAY_MS;
    try {
      expect((await tryWith(victimBrowser.deviceCookie)).statusCode).toBe(429);
    } finally {
      ctx().clock.offsetMs = 0;
    }
    expect((await tryWith(victimBrowser.deviceCookie)).statusCode).toBe(200);
  });

  it('keeps the device cookie at sign-out and clears the session cookie with the flags that set it', async () => {
    const org = await createOrgWithOwner(ctx());
    const session = await signIn(ctx().app, org.email, org.password);
    const out = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `${session.cookie}; ${session.deviceCookie}`, 'x-csrf-token': session.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.map((cookie) => cookie.name)).toEqual(['sk_session']);
    expect(out.cookies[0]).toMatchObject({ value: '', path: '/', httpOnly: true, sameSite: 'Lax' });
  });

  it('uses one signing key per database, created once even when processes race for it', async () => {
    const db = ctx().deps.database.db;
    const original = await db.selectFrom('server_secrets').selectAll().execute();
    await db.deleteFrom('server_secrets').execute();
    const processes: DatabaseHandle[] = [];
    try {
      // Fresh handles stand for fresh processes: none has the key in memory.
      for (let index = 0; index < 4; index++) processes.push(openDatabase(ctx().deps.config.database));
      const now = Date.now();
      const holder = { id: 'user-1', password_hash: '$argon2id$stand-in' };
      const issued = await Promise.all(processes.map((handle) => issueDeviceCredential(handle.db, holder, now)));
      expect(await db.selectFrom('server_secrets').select('name').execute()).toHaveLength(1);
      for (const handle of processes) {
        for (const credential of issued) {
          expect(await readDeviceCredential(handle.db, credential, holder, now)).toMatchObject({ userId: 'user-1' });
        }
      }
    } finally {
      await Promise.all(processes.map((handle) => handle.close()));
      await db.deleteFrom('server_secrets').execute();
      if (original.length > 0) await db.insertInto('server_secrets').values(original).execute();
    }
  });
});

describe('device cookie over https', () => {
  let context: TestContext;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const created = await createTestContext('sqlite', { config: { PUBLIC_URL: 'https://seats.example.com' } });
    context = created.context;
    cleanup = created.cleanup;
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('marks both cookies Secure, and the sign-out clears the session cookie as Secure too', async () => {
    const org = await createOrgWithOwner(context);
    const response = await attemptSignIn(context.app, org.email, org.password);
    expect(response.cookies.map((cookie) => [cookie.name, cookie.secure])).toEqual([
      ['sk_session', true],
      ['sk_device', true],
    ]);
    const session = response.cookies.find((cookie) => cookie.name === 'sk_session');
    const out = await context.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `sk_session=${session?.value}`, 'x-csrf-token': response.json().csrfToken },
    });
    expect(out.cookies[0]).toMatchObject({ name: 'sk_session', value: '', secure: true, httpOnly: true, path: '/' });
  });
});

describeEachDatabase('device credentials in apps', (ctx) => {
  async function memberWithSeat() {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const { productKey, subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 2 });
    const member = await createMember(ctx(), owner);
    expect((await assignSeat(ctx(), owner, subscriptionId, member.id)).statusCode).toBe(201);
    return { member, productKey };
  }

  const startSession = (
    email: string,
    password: string,
    productKey: string,
    options: { deviceCredential?: string | undefined; ip?: string } = {},
  ) =>
    ctx().app.inject({
      method: 'POST',
      url: '/api/v1/app/sessions',
      remoteAddress: options.ip ?? OWNER_IP,
      payload: {
        email,
        password,
        app: { key: productKey, version: '1.0.0' },
        device: DEVICE,
        ...(options.deviceCredential ? { deviceCredential: options.deviceCredential } : {}),
      },
    });

  it('answers a device credential that keeps the install signed in through a stranger’s lockout', async () => {
    const { member, productKey } = await memberWithSeat();
    const first = await startSession(member.email, MEMBER_PASSWORD, productKey);
    expect(first.statusCode).toBe(201);
    const { deviceCredential } = first.json() as { deviceCredential: string };
    expect(deviceCredential).toEqual(expect.any(String));

    await lockOut(ctx(), member.email);
    expect((await startSession(member.email, MEMBER_PASSWORD, productKey)).statusCode).toBe(429);
    const trusted = await startSession(member.email, MEMBER_PASSWORD, productKey, { deviceCredential });
    expect(trusted.statusCode).toBe(201);
    expect(trusted.json().deviceCredential).not.toBe(deviceCredential);
  });

  it('the SDK remembers the credential, so the same client signs in again while a new one is refused', async () => {
    const { member, productKey } = await memberWithSeat();
    const app = ctx().app;
    const fetchFrom =
      (ip: string): FetchLike =>
      async (url, init) => {
        const answer = await app.inject({
          method: init.method as 'POST',
          url: new URL(url).pathname,
          headers: Object.fromEntries(new Headers(init.headers)),
          payload: init.body as string,
          remoteAddress: ip,
        });
        const headers = Object.entries(answer.headers).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        );
        const body = answer.statusCode === 204 ? null : answer.body;
        return new Response(body, { status: answer.statusCode, headers });
      };
    const request = { email: member.email, password: MEMBER_PASSWORD, app: { key: productKey, version: '1.0.0' } };
    const installed = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fetchFrom(OWNER_IP) });
    await (await installed.signIn({ ...request, device: DEVICE })).signOut();

    await lockOut(ctx(), member.email);

    const again = await installed.signIn({ ...request, device: DEVICE });
    expect(again.active).toBe(true);
    const fresh = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fetchFrom(OWNER_IP) });
    const refused = await fresh.signIn({ ...request, device: DEVICE }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SeatkeeperError);
    expect(refused).toMatchObject({ code: 'too-many-attempts' });
  });
});
