/** The public entry of activity: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export {
  insertSignInAttempt,
  insertSignInAttempts,
  type NewSignInAttempt,
  toLoginItem,
} from './activity.repository.ts';
export type { ActivityItem } from './activity.types.ts';
export { deviceCsvColumns, localTimeFormatter, parseTimeZone, placeCsvColumns } from './activity-csv.ts';
export { addressKey, addressKeyOf } from './address-key.ts';
export { toSessionItem } from './app-session-activity.repository.ts';
export {
  type AppDevice,
  attemptBuilder,
  buildSignInAttemptRow,
  type FailureReason,
  type SignInAttempt,
} from './record-sign-in-attempt.ts';
export {
  COUNTER_EVIDENCE_LIMIT,
  type CounterWindow,
  countAccountFailures,
  countAddressFailures,
  type FailureCount,
  PASSWORD_GUESS_REASONS,
} from './sign-in-counters.repository.ts';
export {
  findFailuresInWindow,
  findFirstSuccessfulSignInAt,
  findRecentSuccessfulSignIns,
  type PastSignIn,
} from './sign-in-history.repository.ts';
export { toLocation } from './stored-location.ts';
