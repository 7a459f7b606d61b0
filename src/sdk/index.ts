/**
 * Seatkeeper's client for apps: sign a user in, check their seat, keep the session alive with heartbeats, sign out.
 * One runtime dependency (`jose`, to verify lease files offline); needs a global `fetch` (Node ≥ 20, browsers) or one passed in.
 * Guide: docs/sdk.md in the Seatkeeper repository.
 */
export { AppSession, createSeatkeeperClient, HEARTBEATS_PER_TIMEOUT, type SeatkeeperClient } from './client.js';
export {
  type LeaseFileProblem,
  type SeatkeeperAction,
  SeatkeeperError,
  SeatkeeperLeaseFileError,
  SeatkeeperNetworkError,
  SeatkeeperPoolFullError,
  SeatkeeperSignInDeniedError,
  SeatkeeperSignInExpiredError,
} from './errors.js';
export { readLeaseFileClaims, verifyLeaseFile } from './lease-files.js';
export type { Problem } from './problem.js';
export type {
  AppInfo,
  AppLicense,
  AppProblemCode,
  AppSessionResponse,
  BorrowedSeat,
  Borrowing,
  BorrowResult,
  BrowserSignInCode,
  BrowserSignInRequest,
  DeviceAuthorizationResponse,
  DeviceInfo,
  DeviceType,
  FetchLike,
  HeartbeatOptions,
  LeaseFileClaims,
  LicenseKey,
  LicenseKeySet,
  Product,
  SeatkeeperClientOptions,
  SignInOptions,
  SignInRequest,
  VerifyLeaseFileOptions,
} from './types.js';
