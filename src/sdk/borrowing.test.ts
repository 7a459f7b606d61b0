import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSeatkeeperClient } from './client.ts';
import { SeatkeeperError, SeatkeeperLeaseFileError, SeatkeeperPoolFullError } from './errors.ts';
import type { FetchLike, LeaseFileClaims, LicenseKeySet, SignInRequest } from './types.ts';

// Floating pools and offline borrowing in the SDK, against a fake `fetch` (the SDK's injection point) and lease
// files signed here with a key of the test's own. test/api/borrowing.test.ts runs the same against the server.

interface Call {
  url: string;
  method: string;
  authorization: string | null;
  body: unknown;
}

function fakeFetch(...answers: (() => Response)[]) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const headers = new Headers(init.headers);
    calls.push({
      url,
      method: init.method ?? 'GET',
      authorization: headers.get('authorization'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected request ${init.method} ${url}`);
    return next();
  };
  return { fetch, calls };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const poolFull = (retryAfter?: string) =>
  json(
    403,
    { type: '/problems/pool-full', title: 'No free seat', status: 403, code: 'pool-full', detail: 'All 5 in use.' },
    retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  );

const SESSION_ANSWER = {
  sessionToken: 'sk_app_0123456789',
  expiresAt: '2026-03-01T10:03:00.000Z',
  heartbeatIntervalSeconds: 60,
  license: {
    subscriptionId: 'sub-1',
    product: { key: 'designer', name: 'Designer' },
    expiresAt: '2027-01-31T00:00:00.000Z',
  },
};

const SIGN_IN: SignInRequest = {
  email: 'amelia@example.com',
  password: 'a fine long passphrase',
  app: { key: 'designer', version: '2.4.1' },
  device: { id: 'laptop-1', name: 'Laptop', os: 'macOS', osVersion: '15.1' },
};

const NOW = Date.parse('2026-03-01T10:00:00.000Z');

const CLAIMS: LeaseFileClaims = {
  iss: 'https://seats.example.com',
  sub: 'user-1',
  jti: '42',
  iat: NOW / 1000,
  exp: NOW / 1000 + 7 * 86_400,
  org: 'org-1',
  email: 'amelia@example.com',
  product: { key: 'designer', name: 'Designer' },
  subscriptionId: 'sub-1',
  device: { id: 'laptop-1', name: 'Laptop' },
  seats: 1,
};

/** A signing key as the server keeps one, and its published JWKS. */
async function signingKey(kid = 'key-1') {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const { x } = await exportJWK(publicKey);
  const keys: LicenseKeySet = { keys: [{ kty: 'OKP', crv: 'Ed25519', x: x ?? '', kid, alg: 'EdDSA', use: 'sig' }] };
  const sign = (claims: LeaseFileClaims = CLAIMS) =>
    new SignJWT({ ...claims }).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' }).sign(privateKey);
  return { keys, sign };
}

describe('a full floating pool', () => {
  it('rejects with a SeatkeeperPoolFullError carrying Retry-After, and retries nothing unasked', async () => {
    const fake = fakeFetch(poolFull('20'));
    const client = createSeatkeeperClient({ baseUrl: 'https://seats.example.com', fetch: fake.fetch });
    const error = await client.signIn(SIGN_IN).catch((caught) => caught);
    expect(error).toBeInstanceOf(SeatkeeperPoolFullError);
    expect(error).toBeInstanceOf(SeatkeeperError);
    expect(error).toMatchObject({ code: 'pool-full', status: 403, retryAfterSeconds: 20, action: 'back-off' });
    expect(fake.calls).toHaveLength(1);
  });

  it('waits for a seat: signs in again after each Retry-After until one is free', async () => {
    const fake = fakeFetch(poolFull('20'), poolFull('45'), json(201, SESSION_ANSWER));
    const client = createSeatkeeperClient({ baseUrl: 'https://seats.example.com', fetch: fake.fetch });
    const waits: number[] = [];
    const session = await client.signIn(SIGN_IN, {
      waitForSeat: { maxWaitMs: 120_000, wait: async (ms) => void waits.push(ms) },
    });
    expect(session.token).toBe(SESSION_ANSWER.sessionToken);
    expect(waits).toEqual([20_000, 45_000]);
    expect(fake.calls.map((call) => call.body)).toEqual([SIGN_IN, SIGN_IN, SIGN_IN]);
  });

  it('gives up with the refusal once the next wait would pass maxWaitMs (30 s when the server names none)', async () => {
    const fake = fakeFetch(poolFull(), poolFull(), poolFull());
    const client = createSeatkeeperClient({ baseUrl: 'https://seats.example.com', fetch: fake.fetch });
    const waits: number[] = [];
    const error = await client
      .signIn(SIGN_IN, { waitForSeat: { maxWaitMs: 75_000, wait: async (ms) => void waits.push(ms) } })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(SeatkeeperPoolFullError);
    expect(waits).toEqual([30_000, 30_000]);
    expect(fake.calls).toHaveLength(3);
  });

  it('does not wait on other refusals', async () => {
    const fake = fakeFetch(
      json(403, { type: '/problems/no-license', title: 'No seat', status: 403, code: 'no-license' }),
    );
    const client = createSeatkeeperClient({ baseUrl: 'https://seats.example.com', fetch: fake.fetch });
    const error = await client
      .signIn(SIGN_IN, { waitForSeat: { maxWaitMs: 60_000, wait: async () => undefined } })
      .catch((caught) => caught);
    expect(error).toMatchObject({ code: 'no-license' });
    expect(error).not.toBeInstanceOf(SeatkeeperPoolFullError);
  });
});

describe('borrowing', () => {
  it('borrows with the session token and reads the file’s claims; returns and asks with the file', async () => {
    const { sign } = await signingKey();
    const leaseFile = await sign();
    const borrowed = {
      leaseId: '42',
      leaseFile,
      expiresAt: new Date(CLAIMS.exp * 1000).toISOString(),
      keysUrl: 'https://seats.example.com/api/v1/license-keys?orgId=org-1',
    };
    const status = {
      leaseId: '42',
      state: 'released',
      borrowedUntil: borrowed.expiresAt,
      releasedAt: '2026-03-02T09:00:00.000Z',
      releaseNote: 'Needed for the new hire',
    };
    const fake = fakeFetch(
      json(201, SESSION_ANSWER),
      json(201, borrowed),
      () => new Response(null, { status: 204 }),
      json(200, status),
    );
    const client = createSeatkeeperClient({ baseUrl: 'https://seats.example.com/', fetch: fake.fetch });
    const session = await client.signIn(SIGN_IN);
    expect(await session.borrow(7)).toEqual({ ...borrowed, claims: CLAIMS });
    await client.returnBorrowing(leaseFile);
    expect(await client.borrowingStatus(leaseFile)).toEqual(status);
    expect(
      fake.calls.slice(1).map(({ method, url, authorization, body }) => ({ method, url, authorization, body })),
    ).toEqual([
      {
        method: 'POST',
        url: 'https://seats.example.com/api/v1/app/sessions/current/borrow',
        authorization: `Bearer ${SESSION_ANSWER.sessionToken}`,
        body: { days: 7 },
      },
      {
        method: 'POST',
        url: 'https://seats.example.com/api/v1/app/borrowings/current/return',
        authorization: `Bearer ${leaseFile}`,
        body: undefined,
      },
      {
        method: 'GET',
        url: 'https://seats.example.com/api/v1/app/borrowings/current',
        authorization: `Bearer ${leaseFile}`,
        body: undefined,
      },
    ]);
  });

  it('fetches the keys of one organization', async () => {
    const { keys } = await signingKey();
    const fake = fakeFetch(json(200, keys));
    const client = createSeatkeeperClient({ baseUrl: 'https://seats.example.com', fetch: fake.fetch });
    expect(await client.fetchLicenseKeys('org-1')).toEqual(keys);
    expect(fake.calls[0]).toMatchObject({
      method: 'GET',
      url: 'https://seats.example.com/api/v1/license-keys?orgId=org-1',
    });
  });
});

describe('verifyLeaseFile (offline)', () => {
  const client = createSeatkeeperClient({ baseUrl: 'https://seats.example.com', fetch: fakeFetch().fetch });
  const reasonOf = async (promise: Promise<unknown>) => {
    const error = await promise.catch((caught) => caught);
    expect(error).toBeInstanceOf(SeatkeeperLeaseFileError);
    return (error as SeatkeeperLeaseFileError).reason;
  };

  it('accepts a good file until its end, on its device and product', async () => {
    const { keys, sign } = await signingKey();
    const file = await sign();
    const options = { keys, deviceId: 'laptop-1', productKey: 'designer' };
    expect(await client.verifyLeaseFile(file, { ...options, now: NOW })).toEqual(CLAIMS);
    expect(await client.verifyLeaseFile(file, { ...options, now: CLAIMS.exp * 1000 - 1000 })).toEqual(CLAIMS);
    expect(await reasonOf(client.verifyLeaseFile(file, { ...options, now: CLAIMS.exp * 1000 + 1000 }))).toBe('expired');
  });

  it('refuses a tampered file, another key’s, another device’s or product’s, and garbage', async () => {
    const { keys, sign } = await signingKey();
    const file = await sign();
    const [header, , signature] = file.split('.');
    const longer = Buffer.from(JSON.stringify({ ...CLAIMS, exp: CLAIMS.exp + 365 * 86_400 })).toString('base64url');
    expect(await reasonOf(client.verifyLeaseFile(`${header}.${longer}.${signature}`, { keys, now: NOW }))).toBe(
      'bad-signature',
    );
    // An impostor's key under the same kid: its signature does not verify with the published key.
    const impostor = await signingKey('key-1');
    expect(await reasonOf(client.verifyLeaseFile(await impostor.sign(), { keys, now: NOW }))).toBe('bad-signature');
    const stranger = await signingKey('key-2');
    expect(await reasonOf(client.verifyLeaseFile(await stranger.sign(), { keys, now: NOW }))).toBe('unknown-key');
    expect(await reasonOf(client.verifyLeaseFile(file, { keys, now: NOW, deviceId: 'laptop-2' }))).toBe('wrong-device');
    expect(await reasonOf(client.verifyLeaseFile(file, { keys, now: NOW, productKey: 'viewer' }))).toBe(
      'wrong-product',
    );
    expect(await reasonOf(client.verifyLeaseFile('garbage', { keys, now: NOW }))).toBe('malformed');
  });
});
