import type { SeatkeeperError } from './errors.js';

/**
 * Shapes of the App API (`/api/v1/app/...`) as they travel on the wire. Timestamps are ISO 8601 UTC strings, exactly
 * as the server sends them; nothing here is parsed into `Date` so an app can store and log them unchanged.
 */

/** A function with the signature of the global `fetch`; the SDK's one injection point (tests, proxies, metrics). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface SeatkeeperClientOptions {
  /**
   * Where the Seatkeeper server answers, e.g. `https://seats.example.com` (its PUBLIC_URL). A path prefix is kept
   * (`https://example.com/seatkeeper`); the SDK appends `/api/v1/...`.
   */
  baseUrl: string;
  /** Defaults to the global `fetch` (Node ≥ 20, every current browser). */
  fetch?: FetchLike;
  /** Extra headers on every request, e.g. `User-Agent` in Node, or `X-Forwarded-For` when testing through a proxy. */
  headers?: Record<string, string>;
  /** A request that has not answered after this many milliseconds fails with a SeatkeeperNetworkError. Default 15000. */
  timeoutMs?: number;
}

/** Which app is signing in: the product key the vendor registered (e.g. `designer`) and the app's version. */
export interface AppInfo {
  key: string;
  version: string;
}

export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'other';

/** The machine the app runs on, as shown in the console's Activity tab. */
export interface DeviceInfo {
  /** Stable per installation (generate a UUID once and keep it); lets owners tell "new device" from "same laptop". */
  id: string;
  /** What the user calls it, e.g. "Olivia's MacBook Pro". */
  name: string;
  os: string;
  osVersion: string;
  /** Laptops count as `desktop`. */
  type?: DeviceType;
}

export interface SignInRequest {
  email: string;
  password: string;
  app: AppInfo;
  device: DeviceInfo;
  /**
   * A device credential stored from an earlier `AppSession.deviceCredential` of this user on this installation.
   * Optional: the client remembers the last one per user in memory and sends it by itself.
   */
  deviceCredential?: string;
}

export interface Product {
  key: string;
  name: string;
}

/** The seat the user holds for this app. */
export interface AppLicense {
  subscriptionId: string;
  product: Product;
  /** When the subscription ends (the seat goes with it unless renewed); on the server's clock. */
  expiresAt: string;
}

/** Answer of `POST /api/v1/app/sessions` (201). */
export interface AppSessionResponse {
  sessionToken: string;
  /** Proof that this installation has signed this user in before; send it with their next sign-in. */
  deviceCredential?: string;
  /** When the session closes without a heartbeat (server's clock); each heartbeat moves it to now + 3 intervals. */
  expiresAt: string;
  heartbeatIntervalSeconds: number;
  license: AppLicense;
}

/** Answer of `POST /api/v1/app/device-authorizations` (200): the start of a sign-in through the browser. */
export interface DeviceAuthorizationResponse {
  /** Secret: what the client polls with. Never shown to the user. */
  deviceCode: string;
  /** What the user types, e.g. `BDFH-JKLM`. */
  userCode: string;
  /** The page where the user approves, e.g. `https://seats.example.com/device`. */
  verificationUri: string;
  /** The same page with the code filled in: the link to open for the user. */
  verificationUriComplete: string;
  /** Seconds between polls. */
  interval: number;
  /** Seconds until the codes expire. */
  expiresIn: number;
}

/** What the app shows (or opens) while the user approves the sign-in in their browser. */
export interface BrowserSignInCode {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  /** Seconds until the code expires. */
  expiresIn: number;
}

export interface BrowserSignInRequest {
  app: AppInfo;
  device: DeviceInfo;
  /**
   * Called once with the code, before polling starts: open `verificationUriComplete` in the user's browser, or show
   * `userCode` and `verificationUri` (e.g. on a TV or a machine without a browser). May return a promise.
   */
  onCode: (code: BrowserSignInCode) => void | Promise<void>;
  /** Aborting it stops polling; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Waits `ms` milliseconds between polls; defaults to a timer. For tests and simulations that drive time themselves.
   * It must reject when `signal` aborts.
   */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Problem codes the App API documents. Others may appear (a proxy's 502, a future code): handle by `action`. */
export type AppProblemCode =
  | 'invalid-request'
  | 'invalid-credentials'
  | 'account-deactivated'
  | 'no-license'
  | 'unknown-app'
  | 'too-many-attempts'
  | 'session-invalid'
  | 'session-ended'
  | 'session-timed-out'
  | 'seat-removed'
  | 'subscription-expired'
  | 'browser-sign-in-required'
  | 'too-many-device-authorizations'
  | 'authorization-pending'
  | 'slow-down'
  | 'access-denied'
  | 'expired-token'
  | 'invalid-grant'
  | 'pool-full'
  | 'device-limit'
  | 'lease-released'
  | 'borrowing-not-allowed'
  | 'borrow-too-long'
  | 'no-lease'
  | 'pool-minimum'
  | 'invalid-lease-file'
  | 'lease-not-live';

export interface HeartbeatOptions {
  /** Called once when the server refuses a heartbeat: the session is over and the app must sign in again. */
  onEnded: (error: SeatkeeperError) => void;
  /**
   * Called when a heartbeat could not get through (network down, timeout, 429, 5xx). The loop keeps going and tries
   * again at the next tick; the server only closes the session after 3 intervals without a heartbeat.
   */
  onTransientError?: (error: Error) => void;
  /** Called after each accepted heartbeat. */
  onHeartbeat?: () => void;
  /**
   * Seconds between heartbeats; defaults to the interval the server announced. Only shorter makes sense (tests,
   * simulations): the server judges timeouts by its own interval whatever the app sends.
   */
  intervalSeconds?: number;
  /** Each wait is shortened by up to this fraction at random, so a fleet started together spreads out. Default 0.1. */
  jitter?: number;
}

/** Answer of `POST /api/v1/app/sessions/current/borrow` (201): the seat is checked out for offline use. */
export interface BorrowResult {
  leaseId: string;
  /**
   * A compact JWS (EdDSA, Ed25519) of the lease: keep it with the app's settings, verify it offline with
   * `client.verifyLeaseFile`, and hand it to `client.returnBorrowing` to give the seat back early.
   */
  leaseFile: string;
  /** When the borrowing ends (server's clock): the file stops verifying then. */
  expiresAt: string;
  /** Where the keys that verify the file are published (the organization's JWKS). */
  keysUrl: string;
}

/** What a lease file says (its JWS payload); times in seconds since the epoch. */
export interface LeaseFileClaims {
  /** The server's PUBLIC_URL. */
  iss: string;
  /** The user's id. */
  sub: string;
  /** The lease id. */
  jti: string;
  iat: number;
  /** The end of the borrowing. */
  exp: number;
  /** The organization's id. */
  org: string;
  email: string;
  product: Product;
  subscriptionId: string;
  device: { id: string | null; name: string | null };
  /** Seats the lease holds: 1. */
  seats: number;
}

/** `session.borrow`'s answer: the server's, with the file's claims read (not verified: it came from the server). */
export interface BorrowedSeat extends BorrowResult {
  claims: LeaseFileClaims;
}

/** One Ed25519 public key of a JWKS (RFC 7517, RFC 8037). */
export interface LicenseKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/** Answer of `GET /api/v1/license-keys`: keep it with the app to verify lease files offline. */
export interface LicenseKeySet {
  keys: LicenseKey[];
}

/** Answer of `GET /api/v1/app/borrowings/current`: what became of a borrowing while the app was offline. */
export interface Borrowing {
  leaseId: string;
  /** `released`: an owner released it (see `releaseNote`); `returned`: given back; `expired`: its time ran out. */
  state: 'borrowed' | 'returned' | 'released' | 'expired';
  borrowedUntil: string;
  releasedAt: string | null;
  releaseNote: string | null;
}

export interface VerifyLeaseFileOptions {
  /** The organization's keys, from `client.fetchLicenseKeys()` stored while online (or shipped with the app). */
  keys: LicenseKeySet;
  /** Refuse a file borrowed on another device (the installation id the app signs in with). */
  deviceId?: string;
  /** Refuse a file of another product (the app's key, e.g. `designer`). */
  productKey?: string;
  /** The time to judge expiry by, in ms since the epoch; default `Date.now()`. */
  now?: number;
}

export interface SignInOptions {
  /**
   * On a floating pool that is full (`pool-full`), wait for a seat instead of failing at once: sign in again after
   * each `Retry-After` until a seat is free or `maxWaitMs` would pass, then reject with the last
   * SeatkeeperPoolFullError. The server counts a refusal the app retries as demand, not as a real denial.
   */
  waitForSeat?: {
    maxWaitMs: number;
    /** Aborting it stops waiting; the promise then rejects with the signal's reason. */
    signal?: AbortSignal;
    /** Waits `ms` milliseconds between tries; defaults to a timer (for tests and simulations). */
    wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  };
}
