import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Passkey } from '../../../contract/mfa.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { PasskeyRow } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { MINUTE_MS, toIso } from '../../lib/time.ts';
import { findUserById } from '../users/index.ts';
import {
  deletePasskey,
  findPasskey,
  findPasskeys,
  insertPasskey,
  liftEnrolmentOnly,
  recordPasskeyUse,
  renamePasskey,
  takePasskeyRegistration,
  type UserRef,
  upsertPasskeyRegistration,
} from './mfa.repository.ts';
import { dropRecoveryCodesWithoutFactor } from './second-factors.ts';

/** How long a registration's challenge may be answered (ms). */
export const PASSKEY_REGISTRATION_TTL_MS = 5 * MINUTE_MS;

/**
 * The relying party is the console's public address: passkeys are bound to PUBLIC_URL's host name
 * (its rpID), and browsers sign the origin they ran on, which must be PUBLIC_URL's.
 */
function relyingParty(deps: AppDeps) {
  return { rpID: deps.config.publicUrl.hostname, origin: deps.config.publicUrl.origin };
}

function descriptorsOf(rows: PasskeyRow[]) {
  return rows.map((row) => ({ id: row.id, transports: transportsOf(row) }));
}

function transportsOf(row: PasskeyRow): string[] {
  try {
    const parsed: unknown = JSON.parse(row.transports);
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

export function toPasskey(row: PasskeyRow): Passkey {
  return { id: row.id, name: row.name, createdAt: toIso(row.created_at), lastUsedAt: toIso(row.last_used_at) };
}

/** Options for navigator.credentials.create; the challenge is kept 5 minutes (one registration per user at a time). */
export async function startPasskeyRegistration(deps: AppDeps, user: UserRef): Promise<Record<string, unknown>> {
  const db = deps.database.db;
  const row = await findUserById(db, user.orgId, user.userId);
  if (!row) throw new AppError(404, 'not-found', 'User not found');
  const existing = await findPasskeys(db, user);
  const options = await generateRegistrationOptions({
    rpName: 'Seatkeeper',
    rpID: relyingParty(deps).rpID,
    userName: row.email,
    userDisplayName: row.name,
    userID: new TextEncoder().encode(row.id),
    attestationType: 'none',
    excludeCredentials: descriptorsOf(existing),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await upsertPasskeyRegistration(db, user, options.challenge, deps.now() + PASSKEY_REGISTRATION_TTL_MS);
  return options as unknown as Record<string, unknown>;
}

const invalidPasskey = (detail: string) => new AppError(400, 'invalid-passkey', 'Passkey not accepted', detail);

/** Checks the browser's answer to the registration's challenge and stores the new passkey. */
export async function addPasskey(
  deps: AppDeps,
  user: UserRef,
  input: { name: string; response: Record<string, unknown> },
  sessionIdHash: string,
): Promise<Passkey> {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const challenge = await takePasskeyRegistration(trx, user, now);
    if (challenge === undefined) {
      throw new AppError(
        409,
        'no-passkey-registration',
        'No passkey being added',
        'The request to add a passkey has expired or was used. Start again.',
      );
    }
    const { rpID, origin } = relyingParty(deps);
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verified = await verifyRegistrationResponse({
        response: input.response as unknown as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        // A second factor: possession is what counts; a PIN or biometric is welcome, not required.
        requireUserVerification: false,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw invalidPasskey(`The browser’s answer could not be verified: ${reason.slice(0, 200)}`);
    }
    if (!verified.verified) throw invalidPasskey('The browser’s answer could not be verified.');
    const { credential, credentialBackedUp } = verified.registrationInfo;
    const row: PasskeyRow = {
      id: credential.id,
      org_id: user.orgId,
      user_id: user.userId,
      name: input.name.trim(),
      public_key: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports ?? []),
      backed_up: credentialBackedUp ? 1 : 0,
      created_at: now,
      last_used_at: null,
    };
    if (!(await insertPasskey(trx, row))) {
      throw new AppError(409, 'passkey-exists', 'Passkey already added', 'This passkey is already registered.');
    }
    await liftEnrolmentOnly(trx, user, sessionIdHash);
    return toPasskey(row);
  });
}

export async function renameUserPasskey(deps: AppDeps, user: UserRef, id: string, name: string): Promise<void> {
  if (!(await renamePasskey(deps.database.db, user, id, name.trim()))) throw passkeyNotFound();
}

/** Removes a passkey; the last factor takes the recovery codes with it. */
export async function removePasskey(deps: AppDeps, user: UserRef, id: string): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    if (!(await deletePasskey(trx, user, id))) throw passkeyNotFound();
    await dropRecoveryCodesWithoutFactor(trx, user);
  });
}

const passkeyNotFound = () => new AppError(404, 'not-found', 'Passkey not found');

/** WebAuthn request options for the user's passkeys, and the challenge to keep for the check. */
export async function passkeyRequestOptions(
  db: Db,
  deps: AppDeps,
  user: UserRef,
): Promise<{ options: Record<string, unknown>; challenge: string } | undefined> {
  const passkeys = await findPasskeys(db, user);
  if (passkeys.length === 0) return undefined;
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps).rpID,
    allowCredentials: descriptorsOf(passkeys),
    userVerification: 'preferred',
  });
  return { options: options as unknown as Record<string, unknown>, challenge: options.challenge };
}

/** Verifies a passkey's answer to `expectedChallenge`; success stores the new counter and last use. */
export async function checkPasskeyAnswer(
  trx: Db,
  deps: AppDeps,
  user: UserRef,
  answer: Record<string, unknown>,
  expectedChallenge: string,
  now: number,
): Promise<boolean> {
  if (typeof answer.id !== 'string' || answer.id.length === 0 || answer.id.length > 1024) return false;
  const passkey = await findPasskey(trx, user, answer.id);
  if (!passkey) return false;
  const { rpID, origin } = relyingParty(deps);
  try {
    const result = await verifyAuthenticationResponse({
      response: answer as unknown as AuthenticationResponseJSON,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: passkey.id,
        publicKey: new Uint8Array(Buffer.from(passkey.public_key, 'base64url')),
        counter: Number(passkey.counter),
        transports: transportsOf(passkey),
      },
      requireUserVerification: false,
    });
    if (!result.verified) return false;
    await recordPasskeyUse(trx, user, passkey.id, {
      counter: result.authenticationInfo.newCounter,
      backedUp: result.authenticationInfo.credentialBackedUp,
      now,
    });
    return true;
  } catch {
    // A malformed answer, a wrong signature, a counter that went backwards (a cloned key).
    return false;
  }
}
