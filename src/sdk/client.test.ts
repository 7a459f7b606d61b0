import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSeatkeeperClient } from './client.ts';
import {
  SeatkeeperError,
  SeatkeeperNetworkError,
  SeatkeeperSignInDeniedError,
  SeatkeeperSignInExpiredError,
} from './errors.ts';
import type { FetchLike, SignInRequest } from './types.ts';

// The SDK's documented injection point is `fetch`: these tests hand it a fake one that answers like the server.

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

type Answer = Response | Error | ((call: Call) => Response | Error | Promise<Response | Error>);

function fakeFetch(...answers: Answer[]) {
  const calls: Call[] = [];
  let fallback: Answer | undefined;
  const fetch: FetchLike = async (url, init) => {
    const call: Call = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const next = answers.length > 0 ? answers.shift() : fallback;
    if (next === undefined) throw new Error(`unexpected request ${call.method} ${url}`);
    const answer = typeof next === 'function' ? await next(call) : next;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return {
    fetch,
    calls,
    /** Answer every request not queued with this. */
    otherwise(answer: Answer) {
      fallback = answer;
    },
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `/problems/${code}`, title: `Problem ${code}`, status, code }), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });

const noContent = () => new Response(null, { status: 204 });
const networkDown = () => new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:3000') });

const SESSION_ANSWER = {
  sessionToken: 'sk_app_0123456789',
  expiresAt: '2026-03-01T10:03:00.000Z',
  heartbeatIntervalSeconds: 60,
  license: {
    subscriptionId: 'sub-1',
    product: { key: 'northwind-draw', name: 'Northwind Draw' },
    expiresAt: '2027-01-31T00:00:00.000Z',
  },
};

const SIGN_IN: SignInRequest = {
  email: 'olivia.smith@northwind.example',
  password: 'correct horse',
  app: { key: 'northwind-draw', version: '4.2.1' },
  device: { id: 'dev-1', name: 'Olivia’s MacBook Pro', os: 'macOS', osVersion: '15.1', type: 'desktop' },
};

async function signedIn(...answers: Answer[]) {
  const fake = fakeFetch(json(201, SESSION_ANSWER), ...answers);
  const client = createSeatkeeperClient({ baseUrl: 'http://seats.test/', fetch: fake.fetch });
  const session = await client.signIn(SIGN_IN);
  fake.calls.length = 0;
  return { fake, session };
}

describe('signIn', () => {
  it('posts the request and maps the answer onto the session', async () => {
    const fake = fakeFetch(json(201, SESSION_ANSWER));
    const client = createSeatkeeperClient({
      baseUrl: 'http://seats.test/',
      fetch: fake.fetch,
      headers: { 'X-Forwarded-For': '203.0.113.7' },
    });

    const session = await client.signIn(SIGN_IN);

    expect(session).toMatchObject({
      token: 'sk_app_0123456789',
      heartbeatIntervalSeconds: 60,
      expiresAt: '2026-03-01T10:03:00.000Z',
      license: SESSION_ANSWER.license,
      active: true,
      heartbeating: false,
    });
    const [call] = fake.calls;
    expect(call).toMatchObject({ url: 'http://seats.test/api/v1/app/sessions', method: 'POST', body: SIGN_IN });
    expect(call?.headers.get('content-type')).toBe('application/json');
    expect(call?.headers.get('x-forwarded-for')).toBe('203.0.113.7');
    expect(call?.headers.get('authorization')).toBeNull();
  });

  it('remembers each user’s device credential in memory and sends it with their next sign-in', async () => {
    const fake = fakeFetch(
      json(201, { ...SESSION_ANSWER, deviceCredential: 'v1.olivia.first' }),
      json(201, { ...SESSION_ANSWER, deviceCredential: 'v1.olivia.second' }),
      json(201, { ...SESSION_ANSWER, deviceCredential: 'v1.noah.first' }),
      json(201, { ...SESSION_ANSWER, deviceCredential: 'v1.olivia.third' }),
    );
    const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch });

    const first = await client.signIn(SIGN_IN);
    await client.signIn({ ...SIGN_IN, email: ' Olivia.Smith@Northwind.example' });
    await client.signIn({ ...SIGN_IN, email: 'noah@northwind.example' });
    await client.signIn(SIGN_IN);

    expect(first.deviceCredential).toBe('v1.olivia.first');
    const sent = fake.calls.map((call) => (call.body as { deviceCredential?: string }).deviceCredential);
    // Nothing the first time; then the same user's latest; another user never gets Olivia's.
    expect(sent).toEqual([undefined, 'v1.olivia.first', undefined, 'v1.olivia.second']);
  });

  it('sends a device credential the app stored, and accepts an answer without one', async () => {
    const fake = fakeFetch(json(201, SESSION_ANSWER));
    const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch });

    const session = await client.signIn({ ...SIGN_IN, deviceCredential: 'v1.from.keychain' });

    expect(fake.calls[0]?.body).toMatchObject({ deviceCredential: 'v1.from.keychain' });
    expect(session.deviceCredential).toBeUndefined();
  });

  it('keeps a path prefix of the base URL', async () => {
    const fake = fakeFetch(json(201, SESSION_ANSWER));
    await createSeatkeeperClient({ baseUrl: 'https://example.com/seatkeeper', fetch: fake.fetch }).signIn(SIGN_IN);
    expect(fake.calls[0]?.url).toBe('https://example.com/seatkeeper/api/v1/app/sessions');
  });

  it.each([
    [401, 'invalid-credentials', 'check-credentials'],
    [403, 'no-license', 'no-seat'],
    [403, 'account-deactivated', 'account-deactivated'],
    [404, 'unknown-app', 'fix-request'],
  ])('turns a %i %s problem into a SeatkeeperError', async (status, code, action) => {
    const fake = fakeFetch(problem(status, code));
    const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch });

    const error = await client.signIn(SIGN_IN).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SeatkeeperError);
    expect(error).toMatchObject({ status, code, title: `Problem ${code}`, action, retryAfterSeconds: undefined });
  });

  it('reports Retry-After of a 429 and says to back off', async () => {
    const fake = fakeFetch(problem(429, 'too-many-attempts', { 'retry-after': '120' }));
    const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch });

    const error = await client.signIn(SIGN_IN).catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      status: 429,
      code: 'too-many-attempts',
      retryAfterSeconds: 120,
      shouldBackOff: true,
    });
  });

  it('reports an unreachable server as a SeatkeeperNetworkError with the reason', async () => {
    const fake = fakeFetch(networkDown());
    const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch });

    const error = await client.signIn(SIGN_IN).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SeatkeeperNetworkError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('gives up on a server that does not answer within timeoutMs', async () => {
    vi.useFakeTimers();
    try {
      const fetch: FetchLike = (_url, init) =>
        new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
      const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch, timeoutMs: 5000 });
      const pending = client.signIn(SIGN_IN).catch((caught: unknown) => caught);

      await vi.advanceTimersByTimeAsync(5000);

      expect(await pending).toMatchObject({ name: 'SeatkeeperNetworkError', timedOut: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a 201 that lacks the session fields', async () => {
    const fake = fakeFetch(json(201, { sessionToken: 'x' }));
    const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch });
    await expect(client.signIn(SIGN_IN)).rejects.toMatchObject({ code: 'unexpected-response' });
  });
});

describe('heartbeat', () => {
  it('sends the bearer token without a body and moves expiresAt to 3 intervals on', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-01T10:00:00Z') });
    try {
      const { fake, session } = await signedIn(noContent());
      await session.heartbeat();
      const [call] = fake.calls;
      expect(call).toMatchObject({ url: 'http://seats.test/api/v1/app/sessions/current/heartbeat', method: 'POST' });
      expect(call?.headers.get('authorization')).toBe('Bearer sk_app_0123456789');
      expect(call?.headers.get('content-type')).toBeNull();
      expect(session.expiresAt).toBe('2026-03-01T10:03:00.000Z');
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends the session when refused', async () => {
    const { session } = await signedIn(problem(401, 'session-timed-out'));
    await expect(session.heartbeat()).rejects.toMatchObject({ code: 'session-timed-out', shouldSignInAgain: true });
    expect(session.active).toBe(false);
    expect(session.endedBy?.code).toBe('session-timed-out');
  });
});

describe('startHeartbeats', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends one heartbeat per interval until stopped', async () => {
    const { fake, session } = await signedIn();
    fake.otherwise(noContent());
    const onHeartbeat = vi.fn();
    session.startHeartbeats({ onEnded: vi.fn(), onHeartbeat });

    await vi.advanceTimersByTimeAsync(60_000 * 3);
    expect(fake.calls).toHaveLength(3);
    expect(onHeartbeat).toHaveBeenCalledTimes(3);

    session.stop();
    await vi.advanceTimersByTimeAsync(60_000 * 5);
    expect(fake.calls).toHaveLength(3);
    expect(session.heartbeating).toBe(false);
    expect(session.active).toBe(true);
  });

  it('waits at most the interval, a little less at random', async () => {
    const { fake, session } = await signedIn();
    fake.otherwise(noContent());
    session.startHeartbeats({ onEnded: vi.fn(), jitter: 0.1 });

    await vi.advanceTimersByTimeAsync(60_000 * 0.9 - 1);
    expect(fake.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000 * 0.1 + 1);
    expect(fake.calls).toHaveLength(1);
    session.stop();
  });

  it('stops by itself and calls onEnded once when the server answers 403 seat-removed', async () => {
    const { fake, session } = await signedIn(noContent(), problem(403, 'seat-removed'));
    fake.otherwise(noContent());
    const onEnded = vi.fn();
    session.startHeartbeats({ onEnded });

    await vi.advanceTimersByTimeAsync(60_000 * 5);

    expect(fake.calls).toHaveLength(2);
    expect(onEnded).toHaveBeenCalledTimes(1);
    const error = onEnded.mock.calls[0]?.[0] as SeatkeeperError;
    expect(error).toBeInstanceOf(SeatkeeperError);
    expect(error).toMatchObject({ status: 403, code: 'seat-removed', hasNoSeat: true });
    expect(session).toMatchObject({ heartbeating: false, active: false });
    expect(() => session.startHeartbeats({ onEnded })).toThrow(/sign in again/);
  });

  it('keeps going through a network failure and a 503, reporting them as transient', async () => {
    const { fake, session } = await signedIn(noContent(), networkDown(), problem(503, 'unavailable'), noContent());
    const onEnded = vi.fn();
    const onTransientError = vi.fn();
    session.startHeartbeats({ onEnded, onTransientError });

    await vi.advanceTimersByTimeAsync(60_000 * 4);

    expect(fake.calls).toHaveLength(4);
    expect(onEnded).not.toHaveBeenCalled();
    expect(onTransientError).toHaveBeenCalledTimes(2);
    expect(onTransientError.mock.calls[0]?.[0]).toBeInstanceOf(SeatkeeperNetworkError);
    expect(onTransientError.mock.calls[1]?.[0]).toMatchObject({ status: 503 });
    expect(session).toMatchObject({ heartbeating: true, active: true });
    session.stop();
  });

  it('waits Retry-After when it is longer than the interval', async () => {
    const { fake, session } = await signedIn(problem(429, 'too-many-requests', { 'retry-after': '300' }));
    fake.otherwise(noContent());
    session.startHeartbeats({ onEnded: vi.fn(), jitter: 0 });

    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(299_000);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.calls).toHaveLength(2);
    session.stop();
  });

  it('honours a shorter interval for simulations', async () => {
    const { fake, session } = await signedIn();
    fake.otherwise(noContent());
    session.startHeartbeats({ onEnded: vi.fn(), intervalSeconds: 1 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.calls).toHaveLength(10);
    session.stop();
  });

  it('does not call onEnded for a refusal that arrives after stop()', async () => {
    let answer: (response: Response) => void = () => {};
    const { session } = await signedIn(() => new Promise<Response>((resolve) => (answer = resolve)));
    const onEnded = vi.fn();
    session.startHeartbeats({ onEnded });
    await vi.advanceTimersByTimeAsync(60_000);
    session.stop();
    answer(problem(401, 'session-ended'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onEnded).not.toHaveBeenCalled();
  });
});

describe('signOut', () => {
  it('deletes the session with the bearer token and stops heartbeats', async () => {
    vi.useFakeTimers();
    try {
      const { fake, session } = await signedIn(noContent());
      session.startHeartbeats({ onEnded: vi.fn() });

      await session.signOut();
      await vi.advanceTimersByTimeAsync(60_000 * 3);

      expect(fake.calls).toHaveLength(1);
      expect(fake.calls[0]).toMatchObject({ url: 'http://seats.test/api/v1/app/sessions/current', method: 'DELETE' });
      expect(fake.calls[0]?.headers.get('authorization')).toBe('Bearer sk_app_0123456789');
      expect(session).toMatchObject({ active: false, heartbeating: false });
    } finally {
      vi.useRealTimers();
    }
  });

  it('resolves when the session was already over, and asks the server only once', async () => {
    const { fake, session } = await signedIn(problem(401, 'session-timed-out'));
    await session.signOut();
    await session.signOut();
    expect(fake.calls).toHaveLength(1);
    expect(session.endedBy?.code).toBe('session-timed-out');
  });

  it('rejects on a network failure and can be retried', async () => {
    const { fake, session } = await signedIn(networkDown(), noContent());
    await expect(session.signOut()).rejects.toBeInstanceOf(SeatkeeperNetworkError);
    expect(session.active).toBe(true);
    await session.signOut();
    expect(fake.calls).toHaveLength(2);
    expect(session.active).toBe(false);
  });
});

describe('the server’s clock', () => {
  // This machine's clock says 10:00:00; the server's says 11:00:07 (an hour and 7 s ahead).
  const LOCAL_NOW = Date.parse('2026-03-01T10:00:00.000Z');
  const SERVER_DATE = 'Sun, 01 Mar 2026 11:00:07 GMT';
  const dated = (response: Response) => {
    response.headers.set('date', SERVER_DATE);
    return response;
  };

  beforeEach(() => {
    vi.useFakeTimers({ now: LOCAL_NOW });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is unknown before the first answer, then measured from the Date header to within its second', async () => {
    const fake = fakeFetch(dated(json(201, { ...SESSION_ANSWER, expiresAt: '2026-03-01T11:03:07.000Z' })));
    const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch });
    expect(client.serverClockOffsetMs).toBeUndefined();

    await client.signIn(SIGN_IN);

    // The server answered at some time within 11:00:07.000–11:00:07.999: the middle of that second.
    expect(client.serverClockOffsetMs).toBe(3_607_500);
  });

  it('is measured from refusals too, and kept when an answer has no Date', async () => {
    const fake = fakeFetch(dated(problem(401, 'invalid-credentials')), problem(401, 'invalid-credentials'));
    const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch });
    await client.signIn(SIGN_IN).catch(() => undefined);
    expect(client.serverClockOffsetMs).toBe(3_607_500);
    await client.signIn(SIGN_IN).catch(() => undefined);
    expect(client.serverClockOffsetMs).toBe(3_607_500);
  });

  it('interprets expiresAt on the server’s clock, and moves it on by the server’s clock after a heartbeat', async () => {
    const fake = fakeFetch(
      dated(json(201, { ...SESSION_ANSWER, expiresAt: '2026-03-01T11:03:07.500Z' })),
      dated(noContent()),
    );
    const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch });
    const session = await client.signIn(SIGN_IN);

    // By the local clock the expiry looks 63 min away; by the server's it is 3 min away.
    expect(session.expiresInMs()).toBe(180_000);
    expect(session.expiresInMs(LOCAL_NOW + 60_000)).toBe(120_000);

    await session.heartbeat();
    // Moved on to the server's now + 3 intervals, not this machine's now + 3 intervals (10:03:00).
    expect(session.expiresAt).toBe('2026-03-01T11:03:07.500Z');
    expect(session.expiresInMs()).toBe(180_000);
  });

  it('counts a Retry-After date from the answer’s Date, not from this machine’s clock', async () => {
    const fake = fakeFetch(
      dated(problem(429, 'too-many-attempts', { 'retry-after': 'Sun, 01 Mar 2026 11:01:37 GMT' })),
    );
    const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch });
    const error = await client.signIn(SIGN_IN).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'too-many-attempts', retryAfterSeconds: 90 });
  });

  it('without a Date header, falls back on this machine’s clock', async () => {
    const { session } = await signedIn(noContent());
    await session.heartbeat();
    expect(session.expiresAt).toBe('2026-03-01T10:03:00.000Z');
    expect(session.expiresInMs()).toBe(180_000);
  });
});

describe('signInWithBrowser', () => {
  const AUTHORIZATION = {
    deviceCode: 'device-code-1',
    userCode: 'BDFH-JKLM',
    verificationUri: 'http://seats.test/device',
    verificationUriComplete: 'http://seats.test/device?code=BDFH-JKLM',
    interval: 5,
    expiresIn: 600,
  };
  const REQUEST = { app: SIGN_IN.app, device: SIGN_IN.device };

  it('shows the code, polls at the interval, adds 5 s per slow-down, retries network failures, and answers a session', async () => {
    const fake = fakeFetch(
      json(200, AUTHORIZATION),
      problem(400, 'authorization-pending'),
      problem(400, 'slow-down'),
      networkDown(),
      problem(503, 'database-unavailable', { 'retry-after': '30' }),
      problem(400, 'authorization-pending'),
      json(201, SESSION_ANSWER),
    );
    const client = createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch });
    const shown: unknown[] = [];
    const waits: number[] = [];
    const session = await client.signInWithBrowser({
      ...REQUEST,
      onCode: (code) => {
        shown.push(code);
      },
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    expect(shown).toEqual([
      {
        userCode: 'BDFH-JKLM',
        verificationUri: 'http://seats.test/device',
        verificationUriComplete: 'http://seats.test/device?code=BDFH-JKLM',
        expiresIn: 600,
      },
    ]);
    expect(session.token).toBe(SESSION_ANSWER.sessionToken);
    expect(waits).toEqual([5000, 5000, 10_000, 10_000, 30_000, 10_000]);
    expect(fake.calls[0]).toMatchObject({ method: 'POST', url: 'http://seats.test/api/v1/app/device-authorizations' });
    expect(fake.calls[0]?.body).toEqual(REQUEST);
    for (const call of fake.calls.slice(1)) {
      expect(call).toMatchObject({
        url: 'http://seats.test/api/v1/app/sessions',
        body: { deviceCode: 'device-code-1' },
      });
    }
  });

  it('rejects with typed errors when denied or expired, and with the server’s refusal otherwise', async () => {
    const noWait = async () => {};
    const denied = await createSeatkeeperClient({
      baseUrl: 'http://seats.test',
      fetch: fakeFetch(json(200, AUTHORIZATION), problem(400, 'access-denied')).fetch,
    })
      .signInWithBrowser({ ...REQUEST, onCode: () => {}, wait: noWait })
      .catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(SeatkeeperSignInDeniedError);
    expect(denied).toBeInstanceOf(SeatkeeperError);
    const expired = await createSeatkeeperClient({
      baseUrl: 'http://seats.test',
      fetch: fakeFetch(json(200, AUTHORIZATION), problem(400, 'expired-token')).fetch,
    })
      .signInWithBrowser({ ...REQUEST, onCode: () => {}, wait: noWait })
      .catch((error: unknown) => error);
    expect(expired).toBeInstanceOf(SeatkeeperSignInExpiredError);
    const noSeat = await createSeatkeeperClient({
      baseUrl: 'http://seats.test',
      fetch: fakeFetch(json(200, AUTHORIZATION), problem(403, 'no-license')).fetch,
    })
      .signInWithBrowser({ ...REQUEST, onCode: () => {}, wait: noWait })
      .catch((error: unknown) => error);
    expect(noSeat).toMatchObject({ code: 'no-license', hasNoSeat: true });
    expect(noSeat).not.toBeInstanceOf(SeatkeeperSignInDeniedError);
  });

  it('stops polling when the signal aborts', async () => {
    const fake = fakeFetch(json(200, AUTHORIZATION));
    fake.otherwise(() => problem(400, 'authorization-pending'));
    const abort = new AbortController();
    let polls = 0;
    const outcome = await createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch })
      .signInWithBrowser({
        ...REQUEST,
        onCode: () => {},
        signal: abort.signal,
        wait: async () => {
          if (++polls === 3) abort.abort(new Error('the user closed the dialog'));
        },
      })
      .catch((error: unknown) => error);
    expect(outcome).toMatchObject({ message: 'the user closed the dialog' });
    // The authorization and two polls; the third wait was aborted.
    expect(fake.calls).toHaveLength(3);
  });

  it('tells an app refused a password sign-in to use the browser', async () => {
    const fake = fakeFetch(problem(403, 'browser-sign-in-required'));
    const error = await createSeatkeeperClient({ baseUrl: 'http://seats.test', fetch: fake.fetch })
      .signIn(SIGN_IN)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'browser-sign-in-required', action: 'sign-in-with-browser', hasNoSeat: false });
  });
});
