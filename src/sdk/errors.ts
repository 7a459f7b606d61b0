import type { Problem } from './problem.js';

/**
 * What the app should do about a refusal, so it need not know every code:
 * - `check-credentials`: wrong email or password; ask the user again.
 * - `sign-in-again`: the session is over (signed out elsewhere, timed out, unknown token); sign in again.
 * - `no-seat`: the user holds no seat for this app (never had one, it was removed, or the subscription expired);
 *   tell them to ask an owner of their organization. Retrying will not help until an owner acts.
 * - `account-deactivated`: an owner deactivated the account; tell the user, do not retry.
 * - `back-off`: too many attempts or the server is unavailable; wait `retryAfterSeconds` (or a while) and retry.
 * - `fix-request`: the app sent something the server does not accept (unknown app key, invalid field); a bug to fix.
 * - `sign-in-with-browser`: the organization (or the user's two-step verification) does not let apps sign in with a
 *   password; use `signInWithBrowser`.
 */
export type SeatkeeperAction =
  | 'check-credentials'
  | 'sign-in-again'
  | 'no-seat'
  | 'account-deactivated'
  | 'back-off'
  | 'fix-request'
  | 'sign-in-with-browser';

const ACTION_BY_CODE: Record<string, SeatkeeperAction> = {
  'invalid-credentials': 'check-credentials',
  'session-invalid': 'sign-in-again',
  'session-ended': 'sign-in-again',
  'session-timed-out': 'sign-in-again',
  'no-license': 'no-seat',
  // A floating pool is full, or its borrowable seats are out: a seat may free up; wait Retry-After.
  'pool-full': 'back-off',
  'pool-minimum': 'back-off',
  // A borrowing is over: the seat is back in the pool; sign in (online) to take one.
  'lease-not-live': 'sign-in-again',
  'invalid-lease-file': 'sign-in-again',
  'borrow-too-long': 'fix-request',
  'seat-removed': 'no-seat',
  'subscription-expired': 'no-seat',
  'account-deactivated': 'account-deactivated',
  'too-many-attempts': 'back-off',
  'too-many-device-authorizations': 'back-off',
  'browser-sign-in-required': 'sign-in-with-browser',
  // A browser sign-in that was denied, expired, or already collected: start a new one if the user wants to.
  'access-denied': 'sign-in-again',
  'expired-token': 'sign-in-again',
  'invalid-grant': 'sign-in-again',
  'unknown-app': 'fix-request',
  'invalid-request': 'fix-request',
};

/** The server answered, and the answer is a refusal (any status outside 2xx), described by its problem body. */
export class SeatkeeperError extends Error {
  readonly status: number;
  /** The problem's stable `code`, e.g. `no-license`; `http-<status>` when the body was not a problem (a proxy's page). */
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** Field errors of a 400 `invalid-request`. */
  readonly errors: { path: string; message: string }[];
  /** From the `Retry-After` header (429, 503), in whole seconds; undefined when the server did not say. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'SeatkeeperError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** See SeatkeeperAction. Unknown codes fall back on the status: 401 → sign in again, 403 → no seat, 429/5xx → back off. */
  get action(): SeatkeeperAction {
    const known = ACTION_BY_CODE[this.code];
    if (known) return known;
    if (this.status === 401) return 'sign-in-again';
    if (this.status === 403) return 'no-seat';
    if (this.isTransient) return 'back-off';
    return 'fix-request';
  }

  /** The session (or sign-in) is over for a reason a fresh sign-in may fix. */
  get shouldSignInAgain(): boolean {
    return this.action === 'sign-in-again';
  }

  /** Tell the user they hold no seat for this app (or lost it); signing in again will not help. */
  get hasNoSeat(): boolean {
    return this.action === 'no-seat';
  }

  /** Wait (`retryAfterSeconds` when given) before trying again. */
  get shouldBackOff(): boolean {
    return this.action === 'back-off';
  }

  /** Not a verdict on the session: the request may succeed if repeated later (408, 429, 5xx). */
  get isTransient(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** The user denied the app's sign-in in the browser (`access-denied`). */
export class SeatkeeperSignInDeniedError extends SeatkeeperError {
  constructor(problem: Problem) {
    super(problem);
    this.name = 'SeatkeeperSignInDeniedError';
  }
}

/** Nobody approved the app's sign-in before its code expired (`expired-token`); start a new one to try again. */
export class SeatkeeperSignInExpiredError extends SeatkeeperError {
  constructor(problem: Problem) {
    super(problem);
    this.name = 'SeatkeeperSignInExpiredError';
  }
}

/**
 * A floating pool had no free seat (`pool-full`, 403): every seat is in use now. `retryAfterSeconds` says when to
 * try again; `signIn(..., { waitForSeat })` does so by itself.
 */
export class SeatkeeperPoolFullError extends SeatkeeperError {
  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem, retryAfterSeconds);
    this.name = 'SeatkeeperPoolFullError';
  }
}

/** Why a lease file was refused offline (`verifyLeaseFile`). */
export type LeaseFileProblem =
  | 'malformed'
  | 'unknown-key'
  | 'bad-signature'
  | 'expired'
  | 'wrong-device'
  | 'wrong-product';

/**
 * A lease file did not pass the offline check: not a lease file (`malformed`), signed by a key the stored key set
 * does not hold (`unknown-key`: fetch the keys again when online), altered after signing (`bad-signature`), past
 * its end (`expired`), or borrowed on another device or for another product. The app must not run on it.
 */
export class SeatkeeperLeaseFileError extends Error {
  readonly reason: LeaseFileProblem;

  constructor(reason: LeaseFileProblem, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SeatkeeperLeaseFileError';
    this.reason = reason;
  }
}

/** No answer from the server: offline, DNS, connection refused, TLS, or no answer within the timeout. */
export class SeatkeeperNetworkError extends Error {
  /** True when the request was abandoned after `timeoutMs`. */
  readonly timedOut: boolean;

  constructor(message: string, options: { cause?: unknown; timedOut?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SeatkeeperNetworkError';
    this.timedOut = options.timedOut ?? false;
  }
}

/** Turns a non-2xx response into a SeatkeeperError, whatever its body (problem JSON, HTML from a proxy, nothing). */
export async function errorFromResponse(response: Response): Promise<SeatkeeperError> {
  // A Retry-After date is on the server's clock: measure it from the answer's own Date, so a client whose clock is
  // off still waits as long as the server asked.
  const serverNow = Date.parse(response.headers.get('date') ?? '');
  const retryAfterSeconds = parseRetryAfter(
    response.headers.get('retry-after'),
    Number.isNaN(serverNow) ? Date.now() : serverNow,
  );
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: `http-${response.status}`,
  };
  let body: unknown;
  try {
    body = (response.headers.get('content-type') ?? '').includes('json') ? await response.json() : undefined;
  } catch {
    body = undefined;
  }
  const problem = isProblem(body) ? { ...fallback, ...body, status: response.status } : fallback;
  if (problem.code === 'pool-full') return new SeatkeeperPoolFullError(problem, retryAfterSeconds);
  return new SeatkeeperError(problem, retryAfterSeconds);
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.title === 'string';
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); answers whole seconds ≥ 0. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
