/** The public entry of sso-sign-in: a console sign-in through the organization's OpenID Connect provider. */
export { finishSsoSignIn, type SsoReturn, type SsoSignInOutcome } from './finish-sso-sign-in.ts';
export { SSO_REQUEST_TTL_MS, ssoNotConfigured, startSsoSignIn } from './start-sso-sign-in.ts';
