import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error oidc-provider ships no types (DefinitelyTyped's @types/oidc-provider is not installed).
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (oidc-provider v9) for the single sign-on tests, on a loopback port.
 * Its login "page" signs in at once as the account `signInAs` picks (by default the one named
 * by the request's login_hint), so a test drives the whole trip with fetch: POST /auth/sso/start,
 * then `followToCallback(redirectUrl)` to get the URL the provider sends the browser back to.
 */
export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's accounts (any key); login_hint picks one by email. */
  accounts: Map<string, TestAccount>;
  /** Who the next login is: by default the account whose email is the login_hint. */
  signInAs: ((loginHint: string | undefined) => TestAccount | undefined) | undefined;
  /** Follows the provider's redirects (cookies kept) until one leaves the provider; that URL. */
  followToCallback(authorizationUrl: string): Promise<URL>;
  close(): Promise<void>;
}

interface ProviderInstance {
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
  interactionDetails(req: http.IncomingMessage, res: http.ServerResponse): Promise<{ params: Record<string, unknown> }>;
  interactionFinished(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: new (input: {
    clientId: string;
    accountId: string;
  }) => {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  };
}

export async function startTestProvider(options: { redirectUris: string[] }): Promise<TestProvider> {
  const clientId = 'seatkeeper-test';
  const clientSecret = 'a test client secret of some length';
  const accounts = new Map<string, TestAccount>();
  /** Who signed in, by sub: what findAccount answers. */
  const signedIn = new Map<string, TestAccount>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const result: TestProvider = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signInAs: undefined,
    followToCallback: (url) => followToCallback(issuer, url),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const provider: ProviderInstance = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris }],
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test cookie key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The e-mail travels in the ID token (as most providers send it), not only from userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = signedIn.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
    // No consent screen: the client is the organization's own.
    loadExistingGrant: async (ctx: { oidc: { client: { clientId: string }; session: { accountId: string } } }) => {
      const grant = new provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  (provider as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(
    'server_error',
    (_ctx, error) => console.error('test provider error', error),
  );
  const handle = provider.callback();

  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
      const account = result.signInAs
        ? result.signInAs(hint)
        : [...accounts.values()].find((candidate) => candidate.email === hint);
      if (!account) {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'no such account' });
        return;
      }
      signedIn.set(account.sub, account);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return result;
}

/** A browser's trip through the provider: redirects followed by hand, its cookies carried. */
async function followToCallback(issuer: string, authorizationUrl: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.origin !== new URL(issuer).origin) return url;
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    await response.body?.cancel();
    if (!location) throw new Error(`the provider answered ${response.status} without a redirect at ${url.pathname}`);
    url = new URL(location, url);
  }
  throw new Error('too many redirects at the provider');
}
