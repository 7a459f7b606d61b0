import dns from 'node:dns';
import net from 'node:net';
import * as oidc from 'openid-client';
import { AppError } from '../../lib/app-error.ts';
import { refusedAddressReason } from '../notifications/index.ts';

/**
 * The OpenID Connect relying party (openid-client v6): discovery, the authorization URL with
 * state, nonce and PKCE (S256), and the code exchange whose ID token it verifies (signature,
 * issuer, audience, expiry, nonce). Each use discovers the provider again: one more request per
 * sign-in, and a provider's new keys or endpoints are seen at once.
 */

/** Longest wait for the provider, in seconds, per request (discovery, token, keys). */
export const PROVIDER_TIMEOUT_S = 5;

export interface SsoClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface ProviderOptions {
  /** NODE_ENV=production: http issuers are refused even on a loopback host. */
  production: boolean;
}

export class ProviderUnavailable extends Error {
  override name = 'ProviderUnavailable';
}

/**
 * An http issuer is accepted only on a loopback host (a provider on the same machine, the
 * tests' provider) and never in production: the provider's answers decide who signs in, so
 * they must not cross a network in clear.
 */
export function insecureIssuerAllowed(issuer: URL, options: ProviderOptions): boolean {
  if (issuer.protocol === 'https:') return true;
  if (issuer.protocol !== 'http:' || options.production) return false;
  const host = issuer.hostname;
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Deliberately vague: which private address a name resolves to is no business of whoever typed it. */
export const NON_PUBLIC_ISSUER = 'the issuer’s host is not a public internet address';

/**
 * Server-side request forgery guard: an owner types the issuer, and this server fetches it. An https
 * issuer must be, and resolve only to, public unicast addresses (the webhook guard's rule: no
 * loopback, private, link-local, unique-local… address). The one exception is the http loopback
 * issuer insecureIssuerAllowed lets through (outside production). A name that does not resolve
 * is left to the discovery, which fails on it.
 */
async function assertPublicIssuer(issuer: URL): Promise<void> {
  if (issuer.protocol === 'http:') return;
  const host = issuer.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      return;
    }
  }
  if (addresses.some((address) => refusedAddressReason(address) !== null)) {
    throw new ProviderUnavailable(NON_PUBLIC_ISSUER);
  }
}

/** The provider's configuration for this client; throws ProviderUnavailable with the reason. */
export async function discoverProvider(settings: SsoClientSettings, options: ProviderOptions) {
  let issuer: URL;
  try {
    issuer = new URL(settings.issuer);
  } catch {
    throw new ProviderUnavailable('the issuer is not a URL');
  }
  if (!insecureIssuerAllowed(issuer, options)) {
    throw new ProviderUnavailable('the issuer must use https (http only for a loopback host, outside production)');
  }
  await assertPublicIssuer(issuer);
  try {
    return await oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
      timeout: PROVIDER_TIMEOUT_S,
      ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  } catch (error) {
    throw new ProviderUnavailable(describeFailure(error));
  }
}

/** The discovery check of the settings form: 400 sso-discovery-failed with the reason. */
export async function checkDiscovery(settings: SsoClientSettings, options: ProviderOptions): Promise<void> {
  try {
    await discoverProvider(settings, options);
  } catch (error) {
    if (!(error instanceof ProviderUnavailable)) throw error;
    throw new AppError(
      400,
      'sso-discovery-failed',
      'The provider could not be reached',
      `The discovery document of the issuer could not be used: ${error.message}. Check the issuer URL.`,
    );
  }
}

/** Fresh secrets for one trip to the provider: state (returned as is), nonce (in the ID token), PKCE verifier. */
export async function newAuthorizationSecrets() {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  return {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier,
    codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
  };
}

export function buildAuthorizationUrl(
  config: oidc.Configuration,
  input: { redirectUri: string; state: string; nonce: string; codeChallenge: string; loginHint: string },
): URL {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: 'openid email profile',
    state: input.state,
    nonce: input.nonce,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
    login_hint: input.loginHint,
  });
}

/** The verified ID token's claims, once the code is exchanged; throws ProviderUnavailable otherwise. */
export async function exchangeCode(
  config: oidc.Configuration,
  currentUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<Record<string, unknown>> {
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new ProviderUnavailable('no ID token');
    return claims as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ProviderUnavailable) throw error;
    throw new ProviderUnavailable(describeFailure(error));
  }
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  if (error.name === 'TimeoutError' || error.name === 'AbortError') {
    return `no answer within ${PROVIDER_TIMEOUT_S} seconds`;
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return `${error.message}${detail}`.slice(0, 300);
}
