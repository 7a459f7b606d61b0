/**
 * Seatkeeper's client for apps: sign a user in, check their seat, keep the session alive with heartbeats, sign out.
 * No runtime dependencies; needs a global `fetch` (Node ≥ 20, browsers) or one passed in.
 * Guide: docs/sdk.md in the Seatkeeper repository.
 */
export { AppSession, createSeatkeeperClient, HEARTBEATS_PER_TIMEOUT, type SeatkeeperClient } from './client.js';
export {
  type SeatkeeperAction,
  SeatkeeperError,
  SeatkeeperNetworkError,
  SeatkeeperSignInDeniedError,
  SeatkeeperSignInExpiredError,
} from './errors.js';
export type { Problem } from './problem.js';
export type {
  AppInfo,
  AppLicense,
  AppProblemCode,
  AppSessionResponse,
  BrowserSignInCode,
  BrowserSignInRequest,
  DeviceAuthorizationResponse,
  DeviceInfo,
  DeviceType,
  FetchLike,
  HeartbeatOptions,
  Product,
  SeatkeeperClientOptions,
  SignInRequest,
} from './types.js';
