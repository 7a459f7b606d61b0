/** The public entry of activity: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { insertSignInAttempts, type NewSignInAttempt } from './activity.repository.ts';
export {
  type AppDevice,
  buildSignInAttemptRow,
  type FailureReason,
  type SignInAttempt,
} from './record-sign-in-attempt.ts';
