/** The public entry of auth: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { acceptInvitation, invitationInvalid } from './accept-invitation.ts';
export { DEVICE_CREDENTIAL_LIFETIME_MS, issueDeviceCredential } from './device-credential.ts';
export { assertAcceptablePassword, hashPassword } from './passwords.ts';
export { type AttemptedAccount, type RecordedSignInAttempt, recordSignInAttempt } from './record-sign-in-attempt.ts';
export {
  deleteSessionOfUser,
  deleteSessionsOfUser,
  findLiveSession,
  SESSION_IDLE_MS,
  SESSION_MAX_AGE_MS,
  type SessionUser,
} from './sessions.repository.ts';
export { judgeRightPassword, openConsoleSession, recordRefusedAttempt, verifySignIn } from './sign-in.ts';
