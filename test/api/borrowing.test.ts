import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as sdk from '../../src/sdk/index.ts';
import { closeSilentSessions } from '../../src/server/features/app-sessions/close-sessions.ts';
import { DAY_MS, MINUTE_MS } from '../../src/server/lib/time.ts';
import {
  assignSeat,
  createMember,
  createSubscription,
  DEVICE,
  MEMBER_PASSWORD,
  startAppSession,
} from '../helpers/licenses.ts';
import { signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

/**
 * Offline borrowing (issue 14): an app's session checks its seat out and gets a lease file signed with
 * the organization's Ed25519 key; the SDK verifies it offline with the published keys; a floating pool
 * keeps its minimum for the office; returning frees the seat. Through the real server and the SDK.
 */

type Db = TestContext['deps']['database']['db'];

/** Seat rules set in the row itself (PATCH of seat rules is another feature's). */
async function setRules(
  db: Db,
  subscriptionId: string,
  rules: Partial<{ kind: 'named' | 'floating'; max_borrow_days: number; min_pool_seats: number; device_limit: number }>,
) {
  await db.updateTable('subscriptions').set(rules).where('id', '=', subscriptionId).execute();
}

async function sessionOf(context: TestContext, email: string, appKey: string, deviceId = DEVICE.id) {
  const started = await startAppSession(context, {
    email,
    password: MEMBER_PASSWORD,
    appKey,
    device: { ...DEVICE, id: deviceId, name: `Laptop ${deviceId}` },
  });
  expect(started.statusCode, started.body).toBe(201);
  return started.json().sessionToken as string;
}

function borrow(context: TestContext, token: string, days: number) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/app/sessions/current/borrow',
    headers: { authorization: `Bearer ${token}` },
    payload: { days },
  });
}

function returnFile(context: TestContext, leaseFile: string) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/app/borrowings/current/return',
    headers: { authorization: `Bearer ${leaseFile}` },
  });
}

async function subscriptionCounts(db: Db, subscriptionId: string) {
  return db
    .selectFrom('subscriptions')
    .select(['leased', 'borrowed'])
    .where('id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
}

/** A floating pool of `seats` and members who may lease from it (no named seats needed). */
async function floatingPool(context: TestContext, seats: number, members: number) {
  const org = await createOrgWithOwner(context);
  const owner = await signIn(context.app, org.email, org.password);
  const pool = await createSubscription(context, org.orgId, { seats, name: 'Designer' });
  await setRules(context.deps.database.db, pool.subscriptionId, { kind: 'floating' });
  const people = [];
  for (let index = 0; index < members; index++) people.push(await createMember(context, owner, `Member ${index}`));
  return { org, owner, people, ...pool };
}

/** A named seat held by one member. */
async function namedSeat(context: TestContext) {
  const org = await createOrgWithOwner(context);
  const owner = await signIn(context.app, org.email, org.password);
  const subscription = await createSubscription(context, org.orgId, { seats: 3, name: 'Designer' });
  const member = await createMember(context, owner);
  expect((await assignSeat(context, owner, subscription.subscriptionId, member.id)).statusCode).toBe(201);
  return { org, owner, member, ...subscription };
}

describeEachDatabase('offline borrowing', (ctx) => {
  let baseUrl = '';
  beforeAll(async () => {
    baseUrl = await ctx().app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => {
    ctx().clock.offsetMs = 0;
  });

  it('signs a lease file the SDK verifies offline, and refuses it tampered, expired, on another device or product', async () => {
    const { member, org, productKey, subscriptionId } = await namedSeat(ctx());
    const client = sdk.createSeatkeeperClient({ baseUrl });
    const session = await client.signIn({
      email: member.email,
      password: MEMBER_PASSWORD,
      app: { key: productKey, version: '2.4.1' },
      device: DEVICE,
    });
    const borrowed = await session.borrow(3);
    expect(borrowed.keysUrl).toBe(`${ctx().deps.config.publicUrl.origin}/api/v1/license-keys?orgId=${org.orgId}`);
    expect(borrowed.claims).toMatchObject({
      sub: member.id,
      jti: borrowed.leaseId,
      org: org.orgId,
      email: member.email,
      product: { key: productKey, name: 'Designer' },
      subscriptionId,
      device: { id: DEVICE.id, name: DEVICE.name },
      seats: 1,
    });
    expect(borrowed.claims.exp - borrowed.claims.iat).toBe(3 * 86_400);
    expect(Date.parse(borrowed.expiresAt)).toBe(borrowed.claims.exp * 1000);
    expect(await subscriptionCounts(ctx().deps.database.db, subscriptionId)).toEqual({ leased: 1, borrowed: 1 });

    const published = await ctx().app.inject({ url: `/api/v1/license-keys?orgId=${org.orgId}` });
    expect(published.headers['cache-control']).toBe('public, max-age=300');
    const keys = await client.fetchLicenseKeys(org.orgId);
    expect(keys).toEqual(published.json());
    expect(keys.keys).toHaveLength(1);

    const now = ctx().deps.now();
    const claims = await client.verifyLeaseFile(borrowed.leaseFile, {
      keys,
      deviceId: DEVICE.id,
      productKey,
      now,
    });
    expect(claims.jti).toBe(borrowed.leaseId);

    const refusal = async (leaseFile: string, options: Partial<sdk.VerifyLeaseFileOptions> = {}) => {
      const error = await client.verifyLeaseFile(leaseFile, { keys, now, ...options }).catch((caught) => caught);
      expect(error).toBeInstanceOf(sdk.SeatkeeperLeaseFileError);
      return (error as sdk.SeatkeeperLeaseFileError).reason;
    };
    // One byte of the payload changed: a longer borrowing claimed by hand.
    const [header, payload, signature] = borrowed.leaseFile.split('.') as [string, string, string];
    const forged = JSON.stringify({ ...borrowed.claims, exp: borrowed.claims.exp + 30 * 86_400 });
    expect(await refusal(`${header}.${Buffer.from(forged).toString('base64url')}.${signature}`)).toBe('bad-signature');
    const flipped = payload.slice(0, 10) + (payload[10] === 'A' ? 'B' : 'A') + payload.slice(11);
    expect(await refusal(`${header}.${flipped}.${signature}`)).toBe('bad-signature');
    expect(await refusal(borrowed.leaseFile, { now: now + 3 * DAY_MS + 1000 })).toBe('expired');
    expect(await refusal(borrowed.leaseFile, { deviceId: 'someone-elses-laptop' })).toBe('wrong-device');
    expect(await refusal(borrowed.leaseFile, { productKey: 'another-app' })).toBe('wrong-product');
    expect(await refusal(borrowed.leaseFile, { keys: { keys: [] } })).toBe('unknown-key');
    expect(await refusal('not a lease file')).toBe('malformed');

    // The server refuses the forged file too; the real one is borrowed until its end.
    const forgedReturn = await returnFile(ctx(), `${header}.${flipped}.${signature}`);
    expect(forgedReturn.statusCode).toBe(401);
    expect(forgedReturn.json().code).toBe('invalid-lease-file');
    expect(await client.borrowingStatus(borrowed.leaseFile)).toEqual({
      leaseId: borrowed.leaseId,
      state: 'borrowed',
      borrowedUntil: borrowed.expiresAt,
      releasedAt: null,
      releaseNote: null,
    });

    // Returned early: the seat is free, the session that used it is over, a second return is 410.
    await client.returnBorrowing(borrowed.leaseFile);
    expect(await subscriptionCounts(ctx().deps.database.db, subscriptionId)).toEqual({ leased: 0, borrowed: 0 });
    expect((await client.borrowingStatus(borrowed.leaseFile)).state).toBe('returned');
    const again = await client.returnBorrowing(borrowed.leaseFile).catch((caught) => caught);
    expect(again).toBeInstanceOf(sdk.SeatkeeperError);
    expect((again as sdk.SeatkeeperError).code).toBe('lease-not-live');
    const heartbeat = await session.heartbeat().catch((caught) => caught);
    expect((heartbeat as sdk.SeatkeeperError).status).toBe(401);
  });

  it('runs the example of docs/offline-borrowing.md as written', async () => {
    const { member, productKey } = await namedSeat(ctx());
    const guide = fs.readFileSync(new URL('../../docs/offline-borrowing.md', import.meta.url), 'utf8');
    const snippet = /<!-- example: offline-licence\.js -->\n```js\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(snippet).toBeDefined();
    // The example's client, pointed at this server.
    const createSeatkeeperClient = (options: sdk.SeatkeeperClientOptions) =>
      sdk.createSeatkeeperClient({ ...options, baseUrl });
    const printed: string[] = [];
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<Record<string, (...args: unknown[]) => Promise<unknown>>>;
    const load = new AsyncFunction(
      'createSeatkeeperClient',
      'SeatkeeperLeaseFileError',
      'console',
      `${snippet!.replace(/^import .*$/m, '').replaceAll("'designer'", `'${productKey}'`)}
return { borrowForTrip, mayRunOffline, backOnline };`,
    );
    const example = await load(createSeatkeeperClient, sdk.SeatkeeperLeaseFileError, {
      log: (line: string) => printed.push(line),
    });
    let saved: { leaseFile: string; keys: sdk.LicenseKeySet } | undefined;
    const store = {
      save: async (value: typeof saved) => {
        saved = value;
      },
      load: async () => saved,
      clear: async () => {
        saved = undefined;
      },
    };
    const session = await sdk.createSeatkeeperClient({ baseUrl }).signIn({
      email: member.email,
      password: MEMBER_PASSWORD,
      app: { key: productKey, version: '2.4.1' },
      device: DEVICE,
    });
    await example.borrowForTrip!(session, store, 3);
    expect(await example.mayRunOffline!(store, DEVICE.id)).toBe(true);
    expect(await example.mayRunOffline!(store, 'another-installation')).toBe(false);
    await example.backOnline!(store);
    expect(saved).toBeUndefined();
    expect(printed).toEqual([
      expect.stringMatching(/^Borrowed until \d{4}-\d\d-\d\dT/),
      `Licensed offline to ${member.email}`,
      'Lease file refused: wrong-device',
    ]);
    const lease = await ctx()
      .deps.database.db.selectFrom('seat_leases')
      .select('release_reason')
      .where('user_id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(lease.release_reason).toBe('returned');
  });

  it('keeps borrowing within the subscription’s maximum days, and off at 0', async () => {
    const { member, productKey, subscriptionId } = await namedSeat(ctx());
    const db = ctx().deps.database.db;
    await setRules(db, subscriptionId, { max_borrow_days: 5 });
    const token = await sessionOf(ctx(), member.email, productKey);
    const tooLong = await borrow(ctx(), token, 6);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ code: 'borrow-too-long', maxBorrowDays: 5 });
    expect(tooLong.json().detail).toContain('at most 5 days');
    expect((await borrow(ctx(), token, 5)).statusCode).toBe(201);
    // Borrowing again replaces the file and its end: the same lease, counted once.
    const shorter = await borrow(ctx(), token, 2);
    expect(shorter.statusCode).toBe(201);
    expect(Date.parse(shorter.json().expiresAt)).toBe(Math.floor((ctx().deps.now() + 2 * DAY_MS) / 1000) * 1000);
    expect(await subscriptionCounts(db, subscriptionId)).toEqual({ leased: 1, borrowed: 1 });

    await setRules(db, subscriptionId, { max_borrow_days: 0 });
    const off = await borrow(ctx(), token, 1);
    expect(off.statusCode).toBe(403);
    expect(off.json().code).toBe('borrowing-not-allowed');
    const noSession = await borrow(ctx(), 'not-a-session-token', 1);
    expect(noSession.statusCode).toBe(401);
    expect(noSession.json().code).toBe('session-invalid');
  });

  it('lends a floating pool of 3 with a minimum of 1 to two borrowers; a return lets the third borrow', async () => {
    const { people, productKey, subscriptionId } = await floatingPool(ctx(), 3, 3);
    await setRules(ctx().deps.database.db, subscriptionId, { min_pool_seats: 1 });
    const tokens = [];
    for (const person of people) tokens.push(await sessionOf(ctx(), person.email, productKey));
    const [first, second, third] = tokens as [string, string, string];
    const firstFile = (await borrow(ctx(), first, 7)).json().leaseFile as string;
    expect((await borrow(ctx(), second, 7)).statusCode).toBe(201);
    const refused = await borrow(ctx(), third, 7);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'pool-minimum', minPoolSeats: 1 });
    expect(refused.json().detail).toMatch(/^1 seat stays in the pool for people in the office/);

    expect((await returnFile(ctx(), firstFile)).statusCode).toBe(204);
    expect((await borrow(ctx(), third, 7)).statusCode).toBe(201);
    expect(await subscriptionCounts(ctx().deps.database.db, subscriptionId)).toEqual({ leased: 2, borrowed: 2 });
  });

  it('keeps a borrowed seat through its session’s timeout: it still counts, and a new sign-in finds the pool full', async () => {
    const { people, productKey, subscriptionId } = await floatingPool(ctx(), 2, 3);
    const [traveller, colleague, latecomer] = people as [
      (typeof people)[number],
      (typeof people)[number],
      (typeof people)[number],
    ];
    const db = ctx().deps.database.db;
    ctx().clock.frozenAtMs = Date.now();
    try {
      const token = await sessionOf(ctx(), traveller.email, productKey);
      const borrowed = (await borrow(ctx(), token, 14)).json();
      // The laptop goes offline: no heartbeat for an hour, the sweeper ends the session.
      ctx().clock.offsetMs = 60 * MINUTE_MS;
      await db.transaction().execute((trx) => closeSilentSessions(trx, ctx().deps.now()));
      const lease = await db
        .selectFrom('seat_leases')
        .select(['released_at', 'borrowed_until', 'app_session_id'])
        .where('id', '=', Number(borrowed.leaseId))
        .executeTakeFirstOrThrow();
      // Its session is over (the lease let go of it) but the lease is not.
      expect(lease).toMatchObject({ released_at: null, app_session_id: null });
      expect(await subscriptionCounts(db, subscriptionId)).toEqual({ leased: 1, borrowed: 1 });

      await sessionOf(ctx(), colleague.email, productKey, 'colleague-pc');
      const full = await startAppSession(ctx(), {
        email: latecomer.email,
        password: MEMBER_PASSWORD,
        appKey: productKey,
        device: { ...DEVICE, id: 'latecomer-pc' },
      });
      expect(full.statusCode).toBe(403);
      expect(full.json().code).toBe('pool-full');

      // Back from the trip, the traveller returns the seat: the latecomer gets in.
      expect((await returnFile(ctx(), borrowed.leaseFile)).statusCode).toBe(204);
      await sessionOf(ctx(), latecomer.email, productKey, 'latecomer-pc');
    } finally {
      ctx().clock.frozenAtMs = undefined;
      ctx().clock.offsetMs = 0;
    }
  });

  it('lends exactly 2 seats to 20 parallel borrowers of a pool that can lend 2', async () => {
    const { org, people, productKey, subscriptionId } = await floatingPool(ctx(), 20, 1);
    const db = ctx().deps.database.db;
    await setRules(db, subscriptionId, { min_pool_seats: 18 });
    const [person] = people as [(typeof people)[number]];
    const tokens = [];
    for (let index = 0; index < 20; index++)
      tokens.push(await sessionOf(ctx(), person.email, productKey, `pc-${index}`));
    const answers = await Promise.all(tokens.map((token) => borrow(ctx(), token, 3)));
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(2);
    expect(statuses.filter((status) => status === 409)).toHaveLength(18);
    expect(await subscriptionCounts(db, subscriptionId)).toEqual({ leased: 20, borrowed: 2 });
    // Both lease files were signed by the one key made at the first borrowing, however they raced.
    const keys = await db.selectFrom('license_signing_keys').select('id').where('org_id', '=', org.orgId).execute();
    expect(keys).toHaveLength(1);
  });
});
