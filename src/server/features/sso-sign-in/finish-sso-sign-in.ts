import { timingSafeEqual } from 'node:crypto';
import type { SsoErrorCode } from '../../../contract/sso.ts';
import type { AppDeps } from '../../app-deps.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { SsoConnectionRow, SsoRequestRow, UserRow } from '../../db/schema.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { attemptBuilder, type FailureReason, type SignInAttempt } from '../activity/index.ts';
import { issueDeviceCredential, openConsoleSession, recordRefusedAttempt } from '../auth/index.ts';
import {
  discoverProvider,
  emailDomain,
  exchangeCode,
  findSsoConnection,
  findSsoDomains,
  ProviderUnavailable,
  ssoRedirectUri,
  takeSsoRequest,
} from '../sso/index.ts';
import { findUserByEmail, insertUser, newUserRow, normalizeEmail } from '../users/index.ts';
import { isConsolePath } from './console-link.ts';

export interface SsoReturn {
  state: string | undefined;
  /** The browser-binding cookie set at the start (its state), as this browser sent it back; none from another browser. */
  browserState: string | undefined;
  error: string | undefined;
  /** The callback's query string as the provider sent it (without `?`): the code exchange reads it. */
  rawQuery: string;
}

export type SsoSignInOutcome =
  | {
      signedIn: true;
      session: { token: string; expiresAt: number };
      deviceCredential: string;
      /** A console path (checked at the start and again here; `/` otherwise). */
      returnTo: string;
    }
  /** `reason`: for the server's log only (the provider's error, why the exchange failed). */
  | { signedIn: false; error: SsoErrorCode; reason?: string | undefined };

/**
 * The provider's return: it must come to the browser that started the sign-in (the binding cookie
 * holds the same state; else an attacker could make a victim's browser finish the attacker's own
 * sign-in: refused, nothing taken or recorded); the pending sign-in is taken by its state (once,
 * 10 minutes), the code
 * exchanged (PKCE verifier, nonce checked in the verified ID token), and the token's verified
 * e-mail must be at one of the organization's domains and name one of its users: an active user
 * signs in; an unknown one is created as a member first when just-in-time creation is on. The
 * sign-in ends in openConsoleSession (method sso, no second step: the provider is in charge of
 * the factors). Refusals about an account (unknown, deactivated, another domain) are recorded as
 * failed attempts; a return that names nobody (unknown or used state, the provider's error, no
 * verified e-mail) is not: nothing says whose attempt it was.
 */
export async function finishSsoSignIn(
  deps: AppDeps,
  client: ClientContext,
  input: SsoReturn,
): Promise<SsoSignInOutcome> {
  const db = deps.database.db;
  const now = deps.now();
  if (!sameState(input.state, input.browserState)) {
    return { signedIn: false, error: 'browser-mismatch', reason: 'no binding cookie, or another sign-in’s' };
  }
  const request = input.state ? await takeSsoRequest(db, hashToken(input.state)) : undefined;
  if (!request || request.expires_at <= now) return { signedIn: false, error: 'expired' };
  const connection = await findSsoConnection(db, request.org_id);
  if (connection?.enabled !== 1) return { signedIn: false, error: 'not-configured' };
  if (input.error) return { signedIn: false, error: 'provider-error', reason: `provider answered ${input.error}` };

  let claims: Record<string, unknown>;
  try {
    claims = await exchange(deps, connection, request, input);
  } catch (error) {
    if (!(error instanceof ProviderUnavailable)) throw error;
    return { signedIn: false, error: 'provider-error', reason: error.message };
  }
  if (!isUsableEmail(claims.email) || claims.email_verified === false) {
    return { signedIn: false, error: 'email-unverified', reason: 'the ID token has no verified email' };
  }
  const email = normalizeEmail(claims.email);
  const orgId = connection.org_id;
  const attempt = (user: UserRow | undefined, overrides: Partial<SignInAttempt>): SignInAttempt =>
    attemptBuilder(
      deps.now,
      { orgId, userId: user?.id ?? null, email },
      { client: 'console', method: 'sso' },
    )(overrides);
  const refuse = async (error: SsoErrorCode, reason: FailureReason, user?: UserRow) => {
    await recordRefusedAttempt(deps, client, attempt(user, { outcome: 'failure', failureReason: reason }), user);
    return { signedIn: false as const, error };
  };

  if (!(await findSsoDomains(db, orgId)).includes(emailDomain(email)))
    return refuse('domain-mismatch', 'unknown_account');
  const found = await findUserByEmail(db, email);
  // An address of another organization is no account here, whatever this provider says.
  if (found && found.org_id !== orgId) return refuse('unknown-account', 'unknown_account');
  if (found?.status === 'deactivated') return refuse('deactivated', 'deactivated', found);
  if (!found && connection.just_in_time !== 1) return refuse('unknown-account', 'unknown_account');

  const user = found ?? newMember(orgId, email, claims, now);
  const deviceCredential = await issueDeviceCredential(db, user, now);
  try {
    const { session } = await db.transaction().execute(async (trx) => {
      if (!found) await insertUser(trx, user);
      return openConsoleSession(trx, deps, client, user, attempt(user, {}));
    });
    const returnTo = isConsolePath(request.return_to) ? request.return_to : '/';
    return { signedIn: true, session, deviceCredential, returnTo };
  } catch (error) {
    // Two first sign-ins of one new address at once: the other created the user; sign in again.
    if (!found && isUniqueViolation(error)) return { signedIn: false, error: 'expired', reason: 'concurrent creation' };
    throw error;
  }
}

async function exchange(deps: AppDeps, connection: SsoConnectionRow, request: SsoRequestRow, input: SsoReturn) {
  const config = await discoverProvider(
    { issuer: connection.issuer, clientId: connection.client_id, clientSecret: connection.client_secret },
    { production: deps.config.production },
  );
  const currentUrl = new URL(`${ssoRedirectUri(deps.config.publicUrl)}?${input.rawQuery}`);
  return exchangeCode(config, currentUrl, {
    state: input.state ?? '',
    nonce: request.nonce,
    codeVerifier: request.code_verifier,
  });
}

/** The callback's state is the one the binding cookie holds (compared in constant time, as hashes). */
function sameState(state: string | undefined, browserState: string | undefined): boolean {
  if (!state || !browserState) return false;
  return timingSafeEqual(Buffer.from(hashToken(state)), Buffer.from(hashToken(browserState)));
}

/** An address we can store and compare: one @, no spaces or control characters, at most 254 characters. */
function isUsableEmail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+$/u.test(value);
}

/** A just-in-time member: active, no password (they sign in through the provider). */
function newMember(orgId: string, email: string, claims: Record<string, unknown>, now: number): UserRow {
  const name =
    typeof claims.name === 'string'
      ? claims.name
          .replace(/\p{Cc}/gu, '')
          .trim()
          .slice(0, 200)
      : '';
  return newUserRow({
    orgId,
    email,
    name: name || email.split('@')[0] || email,
    role: 'member',
    passwordHash: null,
    now,
  });
}
