/** The public entry of risk: the flags a sign-in attempt carries, with their evidence (issue 11). */
export {
  type AssessedAttempt,
  assessSignIn,
  COUNTRY_MEMORY,
  DEVICE_MEMORY,
  GUESS_REASONS,
  hasLearned,
  RECENT_SIGN_INS,
  type SignInContext,
} from './assess-sign-in.ts';
export { deviceFingerprint } from './device-fingerprint.ts';
export { ANONYMISING_NETWORKS, classifyNetwork, HOSTING_NETWORKS } from './hosting-networks.ts';
export { readSignInContext } from './read-sign-in-context.ts';
export { SignInMemory } from './sign-in-memory.ts';
export { isTrustedAddress } from './trusted-networks.ts';
