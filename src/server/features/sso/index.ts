/** The public entry of sso: an organization's OpenID Connect provider, its domains, and its pending sign-ins. */
export {
  buildAuthorizationUrl,
  discoverProvider,
  exchangeCode,
  newAuthorizationSecrets,
  PROVIDER_TIMEOUT_S,
  ProviderUnavailable,
} from './oidc-client.ts';
export {
  deleteExpiredSsoRequests,
  findSsoConnection,
  findSsoConnectionByDomain,
  findSsoDomains,
  insertSsoRequest,
  takeSsoRequest,
} from './sso.repository.ts';
export { emailDomain, ssoRequiredFor } from './sso-required.ts';
export { ssoRedirectUri } from './sso-settings.ts';
