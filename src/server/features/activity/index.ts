/** The public entry of activity: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { insertSignInAttempts, type NewSignInAttempt, toLoginItem } from './activity.repository.ts';
export type { ActivityItem } from './activity.types.ts';
export { deviceCsvColumns, localTimeFormatter, parseTimeZone, placeCsvColumns } from './activity-csv.ts';
export { addressKey, addressKeyOf } from './address-key.ts';
export { toSessionItem } from './app-session-activity.repository.ts';
export {
  type AppDevice,
  buildSignInAttemptRow,
  type FailureReason,
  type SignInAttempt,
} from './record-sign-in-attempt.ts';
export { toLocation } from './stored-location.ts';
