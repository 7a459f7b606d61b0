/** What other features may use of activity: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { insertSignInAttempts, type NewSignInAttempt } from './activity.repository.ts';
export {
  type AppDevice,
  buildSignInAttemptRow,
  type FailureReason,
  type SignInAttempt,
} from './record-sign-in-attempt.ts';
