/** What other features may use of auth: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { acceptInvitation, invitationInvalid } from './accept-invitation.ts';
export { DEVICE_CREDENTIAL_LIFETIME_MS, issueDeviceCredential } from './device-credential.ts';
export { assertAcceptablePassword, hashPassword } from './passwords.ts';
export { deleteSessionsOfUser, findLiveSession, type SessionUser } from './sessions.repository.ts';
export { recordRefusedAttempt, verifySignIn } from './sign-in.ts';
