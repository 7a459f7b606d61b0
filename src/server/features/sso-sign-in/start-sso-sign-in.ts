import type { SsoStartBody } from '../../../contract/sso.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { MINUTE_MS } from '../../lib/time.ts';
import {
  buildAuthorizationUrl,
  deleteExpiredSsoRequests,
  discoverProvider,
  emailDomain,
  findSsoConnectionByDomain,
  insertSsoRequest,
  newAuthorizationSecrets,
  ProviderUnavailable,
  ssoRedirectUri,
} from '../sso/index.ts';
import { normalizeEmail } from '../users/index.ts';

/** How long a trip to the provider may take before its return is refused (ms). */
export const SSO_REQUEST_TTL_MS = 10 * MINUTE_MS;

export const ssoNotConfigured = () =>
  new AppError(
    404,
    'sso-not-configured',
    'No single sign-on for this address',
    'The organization of this e-mail address has no single sign-on. Sign in with your password.',
  );

/**
 * Starts a sign-in through the provider of the e-mail's domain: the pending sign-in (state
 * hashed, nonce, PKCE verifier, where to go after) is stored for 10 minutes and the provider's
 * authorization URL answered, the e-mail as login_hint, with the state for the browser-binding
 * cookie (the callback requires it back from the same browser). Nothing is recorded yet: the
 * provider says who signs in, at the callback.
 */
export async function startSsoSignIn(
  deps: AppDeps,
  input: SsoStartBody,
): Promise<{ redirectUrl: string; browserState: string }> {
  const db = deps.database.db;
  const email = normalizeEmail(input.email);
  const connection = await findSsoConnectionByDomain(db, emailDomain(email));
  if (connection?.enabled !== 1) throw ssoNotConfigured();
  let config: Awaited<ReturnType<typeof discoverProvider>>;
  try {
    config = await discoverProvider(
      { issuer: connection.issuer, clientId: connection.client_id, clientSecret: connection.client_secret },
      { production: deps.config.production },
    );
  } catch (error) {
    if (!(error instanceof ProviderUnavailable)) throw error;
    throw new AppError(
      502,
      'sso-provider-unavailable',
      'The sign-in provider does not answer',
      `Your organization’s sign-in provider could not be reached (${error.message}). Try again later, or ask an owner.`,
    );
  }
  const secrets = await newAuthorizationSecrets();
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    await deleteExpiredSsoRequests(trx, now);
    await insertSsoRequest(trx, {
      state_hash: hashToken(secrets.state),
      org_id: connection.org_id,
      nonce: secrets.nonce,
      code_verifier: secrets.codeVerifier,
      return_to: input.returnTo ?? null,
      created_at: now,
      expires_at: now + SSO_REQUEST_TTL_MS,
    });
  });
  const url = buildAuthorizationUrl(config, {
    redirectUri: ssoRedirectUri(deps.config.publicUrl),
    state: secrets.state,
    nonce: secrets.nonce,
    codeChallenge: secrets.codeChallenge,
    loginHint: input.email.trim(),
  });
  return { redirectUrl: url.href, browserState: secrets.state };
}
