/**
 * Seatkeeper's client for apps: sign a user in, check their seat, keep the session alive with heartbeats, sign out.
 * No runtime dependencies; needs a global `fetch` (Node ≥ 20, browsers) or one passed in. See docs/sdk.md.
 */
export { AppSession, createSeatkeeperClient, HEARTBEATS_PER_TIMEOUT, type SeatkeeperClient } from './client.ts';
export { type SeatkeeperAction, SeatkeeperError, SeatkeeperNetworkError } from './errors.ts';
export type {
  AppInfo,
  AppLicense,
  AppProblemCode,
  AppSessionResponse,
  DeviceInfo,
  DeviceType,
  FetchLike,
  HeartbeatOptions,
  Problem,
  Product,
  SeatkeeperClientOptions,
  SignInRequest,
} from './types.ts';
