import {
  errorFromResponse,
  SeatkeeperError,
  SeatkeeperNetworkError,
  SeatkeeperPoolFullError,
  SeatkeeperSignInDeniedError,
  SeatkeeperSignInExpiredError,
} from './errors.js';
import { readLeaseFileClaims, verifyLeaseFile } from './lease-files.js';
import type {
  AppLicense,
  AppSessionResponse,
  BorrowedSeat,
  Borrowing,
  BorrowResult,
  BrowserSignInRequest,
  DeviceAuthorizationResponse,
  FetchLike,
  HeartbeatOptions,
  LeaseFileClaims,
  LicenseKeySet,
  SeatkeeperClientOptions,
  SignInOptions,
  SignInRequest,
  VerifyLeaseFileOptions,
} from './types.js';

/** The server closes a session that has sent no heartbeat for this many announced intervals. */
export const HEARTBEATS_PER_TIMEOUT = 3;
const DEFAULT_TIMEOUT_MS = 15_000;

export interface SeatkeeperClient {
  /** The server root the client talks to, without a trailing slash. */
  readonly baseUrl: string;
  /**
   * How far the server's clock is ahead of this machine's (negative: behind), in milliseconds, measured from the
   * HTTP `Date` header of the last answer (any answer, refusals too); undefined before the first answer, or when
   * answers carry no readable `Date` (a browser reading another origin without `Access-Control-Expose-Headers`).
   * `Date` has a resolution of one second, so this is only good to about ±0.5 s plus half the request's round trip:
   * meant for clocks that are off by minutes or hours (a laptop set by hand, a dead CMOS battery), not for
   * milliseconds. The server's time now is `Date.now() + (client.serverClockOffsetMs ?? 0)`.
   */
  readonly serverClockOffsetMs: number | undefined;
  /**
   * Signs the user in to this app on this device and checks they hold a seat for it. Rejects with a SeatkeeperError
   * (`invalid-credentials`, `no-license`, `account-deactivated`, `too-many-attempts`, …) or a SeatkeeperNetworkError.
   * A full floating pool rejects with a SeatkeeperPoolFullError (`retryAfterSeconds`); with `options.waitForSeat`
   * the client signs in again after each Retry-After until a seat is free or the wait is over.
   */
  signIn(request: SignInRequest, options?: SignInOptions): Promise<AppSession>;
  /**
   * Checks a lease file (from `session.borrow`) offline with keys fetched earlier; resolves with its claims, or
   * rejects with a SeatkeeperLeaseFileError (tampered, expired, another device or product, unknown key).
   */
  verifyLeaseFile(leaseFile: string, options: VerifyLeaseFileOptions): Promise<LeaseFileClaims>;
  /** The public keys that verify lease files (one organization's with `orgId`): fetch while online, store, reuse offline. */
  fetchLicenseKeys(orgId?: string): Promise<LicenseKeySet>;
  /** Gives a borrowed seat back early (the seat is free at once). Rejects with `lease-not-live` when it is over already. */
  returnBorrowing(leaseFile: string): Promise<void>;
  /** What became of a borrowing (an owner may have released it while the app was offline). */
  borrowingStatus(leaseFile: string): Promise<Borrowing>;
  /**
   * Signs the user in through their browser (OAuth 2.0 device authorization grant, RFC 8628): asks the server for a
   * code, hands it to `onCode` (open `verificationUriComplete`, or show `userCode` and `verificationUri`), then polls
   * every `interval` seconds (5 more after each `slow-down`) until the user approves in Seatkeeper, which applies
   * every sign-in rule of their organization there (two-step verification, single sign-on). Resolves with the same
   * session as `signIn`. Rejects with SeatkeeperSignInDeniedError (the user denied it), SeatkeeperSignInExpiredError
   * (nobody approved it in time), another SeatkeeperError (`no-license`, `unknown-app`, …) or the signal's reason.
   * Network failures and 429/5xx while polling are retried until the code expires.
   */
  signInWithBrowser(request: BrowserSignInRequest): Promise<AppSession>;
}

/** Seconds to wait before signing in again on a full pool when the server gave no Retry-After. */
const DEFAULT_POOL_RETRY_S = 30;

/** RFC 8628 §3.5: each slow-down adds this to the interval, for this and every later poll. */
const SLOW_DOWN_STEP_MS = 5000;

export function createSeatkeeperClient(options: SeatkeeperClientOptions): SeatkeeperClient {
  const transport = new Transport(options);
  // The device credential of each user's last successful sign-in through this client (in memory only), sent with
  // their next one: the server then counts this installation's failed attempts on their own, so strangers failing
  // on the account elsewhere cannot lock it out here.
  const deviceCredentials = new Map<string, string>();
  const userKey = (email: string) => email.trim().toLowerCase();
  return {
    baseUrl: transport.baseUrl,
    get serverClockOffsetMs() {
      return transport.serverClockOffsetMs;
    },
    async signIn(request, options = {}) {
      const waitForSeat = options.waitForSeat;
      const startedAt = Date.now();
      let waitedMs = 0;
      for (;;) {
        const deviceCredential = request.deviceCredential ?? deviceCredentials.get(userKey(request.email));
        const body = deviceCredential === undefined ? request : { ...request, deviceCredential };
        try {
          const answer = toSessionResponse(await transport.send('POST', '/app/sessions', { body }));
          if (answer.deviceCredential !== undefined) {
            deviceCredentials.set(userKey(request.email), answer.deviceCredential);
          }
          return new AppSession(transport, answer);
        } catch (error) {
          if (!(error instanceof SeatkeeperPoolFullError) || !waitForSeat) throw error;
          const pauseMs = Math.max(error.retryAfterSeconds ?? DEFAULT_POOL_RETRY_S, 1) * 1000;
          if (Math.max(waitedMs, Date.now() - startedAt) + pauseMs > waitForSeat.maxWaitMs) throw error;
          await (waitForSeat.wait ?? sleep)(pauseMs, waitForSeat.signal);
          waitForSeat.signal?.throwIfAborted();
          waitedMs += pauseMs;
        }
      }
    },
    verifyLeaseFile,
    async fetchLicenseKeys(orgId) {
      const query = orgId === undefined ? '' : `?orgId=${encodeURIComponent(orgId)}`;
      const answer = (await transport.send('GET', `/license-keys${query}`, {})) as Partial<LicenseKeySet> | undefined;
      if (!Array.isArray(answer?.keys)) throw unexpectedAnswer('The key set lacks keys');
      return answer as LicenseKeySet;
    },
    async returnBorrowing(leaseFile) {
      await transport.send('POST', '/app/borrowings/current/return', { token: leaseFile });
    },
    async borrowingStatus(leaseFile) {
      return (await transport.send('GET', '/app/borrowings/current', { token: leaseFile })) as Borrowing;
    },
    async signInWithBrowser(request) {
      const wait = request.wait ?? sleep;
      request.signal?.throwIfAborted();
      const authorization = toDeviceAuthorization(
        await transport.send('POST', '/app/device-authorizations', {
          body: { app: request.app, device: request.device },
        }),
      );
      const { userCode, verificationUri, verificationUriComplete, expiresIn } = authorization;
      await request.onCode({ userCode, verificationUri, verificationUriComplete, expiresIn });
      const startedAt = Date.now();
      let intervalMs = authorization.interval * 1000;
      let waitedMs = 0;
      let pause = intervalMs;
      for (;;) {
        // The server says expired-token once the code is over; this only ends a wait the server cannot answer.
        if (Math.max(waitedMs, Date.now() - startedAt) > expiresIn * 1000 + intervalMs) {
          throw new SeatkeeperSignInExpiredError(expiredProblem);
        }
        await wait(pause, request.signal);
        request.signal?.throwIfAborted();
        waitedMs += pause;
        pause = intervalMs;
        try {
          const answer = await transport.send('POST', '/app/sessions', {
            body: { deviceCode: authorization.deviceCode },
          });
          return new AppSession(transport, toSessionResponse(answer));
        } catch (error) {
          if (error instanceof SeatkeeperError) {
            if (error.code === 'authorization-pending') continue;
            if (error.code === 'slow-down') {
              intervalMs += SLOW_DOWN_STEP_MS;
              pause = intervalMs;
              continue;
            }
            if (error.code === 'access-denied') throw new SeatkeeperSignInDeniedError(problemOf(error));
            if (error.code === 'expired-token') throw new SeatkeeperSignInExpiredError(problemOf(error));
            if (!error.isTransient) throw error;
            pause = Math.max(intervalMs, (error.retryAfterSeconds ?? 0) * 1000);
          } else if (!(error instanceof SeatkeeperNetworkError)) {
            throw error;
          }
        }
      }
    },
  };
}

const expiredProblem = {
  type: '/problems/expired-token',
  title: 'Code expired',
  status: 400,
  code: 'expired-token',
  detail: 'Nobody approved the sign-in in time.',
};

function problemOf(error: SeatkeeperError) {
  return {
    type: `/problems/${error.code}`,
    title: error.title,
    status: error.status,
    code: error.code,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
  };
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One signed-in use of the app. Keep it alive with `startHeartbeats` while the app is in use; end it with `signOut`.
 * Once the server refuses it (a heartbeat answered 401/403) it is over for good: sign in again for a new one.
 */
export class AppSession {
  readonly token: string;
  /**
   * The credential the server issued to this installation for this user (undefined from an older server that issues
   * none). The client already sends it with the user's next sign-in; an app that wants it to survive a
   * restart may store it (like a session token: in the OS keychain) and pass it as `SignInRequest.deviceCredential`.
   */
  readonly deviceCredential: string | undefined;
  readonly license: AppLicense;
  readonly heartbeatIntervalSeconds: number;
  #expiresAt: string;
  #endedBy: SeatkeeperError | undefined;
  #signedOut = false;
  #loop: HeartbeatLoop | undefined;
  readonly #transport: Transport;

  /** @internal Sessions come from `client.signIn`. */
  constructor(transport: Transport, answer: AppSessionResponse) {
    this.#transport = transport;
    this.token = answer.sessionToken;
    this.deviceCredential = answer.deviceCredential;
    this.license = answer.license;
    this.heartbeatIntervalSeconds = answer.heartbeatIntervalSeconds;
    this.#expiresAt = answer.expiresAt;
  }

  /**
   * When the server will close the session if it hears nothing more (ISO 8601 UTC, by the server's clock); moved on
   * by each heartbeat. Compare it with the server's time, not `Date.now()`: see `expiresInMs()`.
   */
  get expiresAt(): string {
    return this.#expiresAt;
  }

  /**
   * Milliseconds until the server closes the session if it hears nothing more (negative once past), by the server's
   * clock: `expiresAt` less the server's time now, which is this machine's time corrected by the client's
   * `serverClockOffsetMs`. Right even when this machine's clock is off by hours.
   */
  expiresInMs(now: number = Date.now()): number {
    return Date.parse(this.#expiresAt) - (now + (this.#transport.serverClockOffsetMs ?? 0));
  }

  /** The refusal that ended the session, if one did. */
  get endedBy(): SeatkeeperError | undefined {
    return this.#endedBy;
  }

  /** False once signed out or refused; the token is then worthless. */
  get active(): boolean {
    return !this.#signedOut && this.#endedBy === undefined;
  }

  /** True while a `startHeartbeats` loop runs. */
  get heartbeating(): boolean {
    return this.#loop !== undefined;
  }

  /**
   * Sends one heartbeat. A refusal (401/403) ends the session and rejects with its SeatkeeperError; 429/5xx and
   * network failures reject too but leave the session as it was, to be retried.
   */
  async heartbeat(): Promise<void> {
    const sentAt = Date.now();
    try {
      await this.#transport.send('POST', '/app/sessions/current/heartbeat', { token: this.token });
    } catch (error) {
      if (error instanceof SeatkeeperError && !error.isTransient) this.#endedBy ??= error;
      throw error;
    }
    // The server's 204 has no body: it moved the expiry to its own now + 3 intervals, which is about when this
    // heartbeat left, read on the server's clock.
    const serverSentAt = sentAt + (this.#transport.serverClockOffsetMs ?? 0);
    this.#expiresAt = new Date(
      serverSentAt + HEARTBEATS_PER_TIMEOUT * this.heartbeatIntervalSeconds * 1000,
    ).toISOString();
  }

  /**
   * Ends the session on the server (stopping heartbeats first). Resolves also when the server says the session was
   * already over (401): the outcome the app wanted. Rejects on network failure or 5xx; the app may retry, or leave
   * it: the server closes a silent session after 3 intervals.
   */
  async signOut(): Promise<void> {
    this.stop();
    if (!this.active) return;
    try {
      await this.#transport.send('DELETE', '/app/sessions/current', { token: this.token });
    } catch (error) {
      if (!(error instanceof SeatkeeperError) || error.isTransient) throw error;
      this.#endedBy ??= error;
    }
    this.#signedOut = true;
  }

  /**
   * Sends a heartbeat every interval (a little early, at random, so a fleet spreads out) until `stop`, `signOut`, or
   * a refusal: then the loop stops by itself and calls `onEnded(error)` once. A heartbeat that does not get through
   * (network, 429, 5xx) is reported to `onTransientError` and retried at the next tick. The timer keeps a Node
   * process alive while it runs, like any other work in progress.
   */
  startHeartbeats(options: HeartbeatOptions): void {
    if (!this.active) throw new Error('This session is over; sign in again to start a new one.');
    this.stop();
    const loop: HeartbeatLoop = { stopped: false, timer: undefined };
    this.#loop = loop;
    const intervalMs = (options.intervalSeconds ?? this.heartbeatIntervalSeconds) * 1000;
    const jitter = Math.min(Math.max(options.jitter ?? 0.1, 0), 1);
    const schedule = (atLeastMs: number) => {
      loop.timer = setTimeout(tick, Math.max(atLeastMs, intervalMs * (1 - jitter * Math.random())));
    };
    const tick = async () => {
      loop.timer = undefined;
      let failure: unknown;
      try {
        await this.heartbeat();
      } catch (error) {
        failure = error;
      }
      // Stopped while the request was in flight: the app no longer wants to hear about this session.
      if (loop.stopped) return;
      if (failure === undefined) {
        schedule(0);
        options.onHeartbeat?.();
      } else if (failure instanceof SeatkeeperError && !failure.isTransient) {
        loop.stopped = true;
        this.#loop = undefined;
        options.onEnded(failure);
      } else {
        const retryAfterMs = failure instanceof SeatkeeperError ? (failure.retryAfterSeconds ?? 0) * 1000 : 0;
        schedule(retryAfterMs);
        options.onTransientError?.(failure instanceof Error ? failure : new Error(String(failure)));
      }
    };
    schedule(0);
  }

  /**
   * Checks the seat out for `days` whole days (at most the subscription's maxBorrowDays) so the app runs offline:
   * resolves with the signed lease file, its end and its claims. Store the file and the keys
   * (`client.fetchLicenseKeys()`), and check it at each offline start with `client.verifyLeaseFile`. Borrowing
   * again replaces the file. Rejects with `borrowing-not-allowed`, `borrow-too-long`, `pool-minimum` (the pool's
   * last seats stay for online use) or the session's own refusals.
   */
  async borrow(days: number): Promise<BorrowedSeat> {
    const answer = (await this.#transport.send('POST', '/app/sessions/current/borrow', {
      token: this.token,
      body: { days },
    })) as Partial<BorrowResult> | undefined;
    if (typeof answer?.leaseFile !== 'string' || typeof answer.expiresAt !== 'string') {
      throw unexpectedAnswer('The borrowing answer lacks leaseFile or expiresAt');
    }
    const result = answer as BorrowResult;
    return { ...result, claims: readLeaseFileClaims(result.leaseFile) };
  }

  /** Stops the heartbeat loop without telling the server; the session then times out after 3 intervals. */
  stop(): void {
    const loop = this.#loop;
    if (!loop) return;
    loop.stopped = true;
    if (loop.timer !== undefined) clearTimeout(loop.timer);
    this.#loop = undefined;
  }
}

interface HeartbeatLoop {
  stopped: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

class Transport {
  readonly baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;
  #serverClockOffsetMs: number | undefined;

  constructor(options: SeatkeeperClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    // Looked up per call and called unbound-free: browsers throw "Illegal invocation" on a detached `fetch`.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#headers = options.headers ?? {};
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get serverClockOffsetMs(): number | undefined {
    return this.#serverClockOffsetMs;
  }

  /**
   * Reads the server's clock off an answer's `Date` header. `Date` is the second the server answered in, truncated
   * (RFC 9110 §6.6.1), so the server's time was within that second: its middle, compared with the middle of the
   * exchange on this machine, gives an estimate good to about ±0.5 s plus half the round trip.
   */
  #observeServerClock(response: Response, sentAt: number, receivedAt: number): void {
    const serverSecond = Date.parse(response.headers.get('date') ?? '');
    if (Number.isNaN(serverSecond)) return;
    this.#serverClockOffsetMs = Math.round(serverSecond + 500 - (sentAt + receivedAt) / 2);
  }

  /** Answers the parsed JSON body (undefined for 204); throws SeatkeeperError for non-2xx, else a network error. */
  async send(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { token?: string; body?: unknown },
  ): Promise<unknown> {
    const headers = new Headers(this.#headers);
    headers.set('accept', 'application/json');
    if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
    // No content-type without a body: an empty body that claims to be JSON means nothing (older servers refused it).
    if (options.body !== undefined) headers.set('content-type', 'application/json');
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.#timeoutMs);
    const sentAt = Date.now();
    try {
      const response = await this.#fetch(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers,
        credentials: 'omit',
        signal: abort.signal,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      this.#observeServerClock(response, sentAt, Date.now());
      if (!response.ok) throw await errorFromResponse(response);
      if (response.status === 204) return undefined;
      const text = await response.text();
      return text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      if (error instanceof SeatkeeperError) throw error;
      if (error instanceof SyntaxError) throw unexpectedAnswer('The answer is not valid JSON');
      const timedOut = abort.signal.aborted;
      const reason = timedOut ? `no answer within ${this.#timeoutMs} ms` : describe(error);
      throw new SeatkeeperNetworkError(`${method} ${path} failed: ${reason}`, { cause: error, timedOut });
    } finally {
      clearTimeout(timer);
    }
  }
}

function toSessionResponse(answer: unknown): AppSessionResponse {
  const value = (answer ?? {}) as Partial<AppSessionResponse>;
  const valid =
    typeof value.sessionToken === 'string' &&
    typeof value.expiresAt === 'string' &&
    typeof value.heartbeatIntervalSeconds === 'number' &&
    value.heartbeatIntervalSeconds > 0 &&
    typeof value.license === 'object' &&
    value.license !== null &&
    (value.deviceCredential === undefined || typeof value.deviceCredential === 'string');
  if (!valid)
    throw unexpectedAnswer('The sign-in answer lacks sessionToken, expiresAt, heartbeatIntervalSeconds or license');
  return value as AppSessionResponse;
}

function toDeviceAuthorization(answer: unknown): DeviceAuthorizationResponse {
  const value = (answer ?? {}) as Partial<DeviceAuthorizationResponse>;
  const valid =
    typeof value.deviceCode === 'string' &&
    typeof value.userCode === 'string' &&
    typeof value.verificationUri === 'string' &&
    typeof value.verificationUriComplete === 'string' &&
    typeof value.interval === 'number' &&
    value.interval > 0 &&
    typeof value.expiresIn === 'number';
  if (!valid)
    throw unexpectedAnswer('The device authorization lacks deviceCode, userCode, verificationUri or interval');
  return value as DeviceAuthorizationResponse;
}

function unexpectedAnswer(detail: string): SeatkeeperError {
  return new SeatkeeperError({
    type: 'about:blank',
    title: 'Unexpected answer from the server',
    status: 502,
    code: 'unexpected-response',
    detail,
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, …) is in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
