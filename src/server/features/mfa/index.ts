/**
 * The public entry of mfa: a user's second factors (authenticator app, passkeys, recovery codes),
 * their enrolment and the checks the sign-in's second step runs (issue 12).
 */
export { checkTotpCode, spendRecoveryCode } from './check-second-factor.ts';
export type { UserRef } from './mfa.repository.ts';
export { checkPasskeyAnswer, passkeyRequestOptions } from './passkeys.ts';
export { hasSecondFactor, readSecondFactors, type SecondFactors } from './second-factors.ts';
