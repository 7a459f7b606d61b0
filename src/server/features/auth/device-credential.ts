import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEVICE_CREDENTIAL_MAX_LENGTH } from '../../../common/api-limits.ts';
import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { DAY_MS, MINUTE_MS } from '../../lib/time.ts';
import { findOrCreateServerSecret } from './server-secrets.repository.ts';

/**
 * A device credential (OWASP's "device cookie") tells the sign-in throttle that this
 * browser or app install has signed in to this account before, so it is counted on its
 * own instead of sharing the account's lockout with strangers (see login-throttle.ts).
 *
 * Stateless: `v1.<userId>.<nonce>.<issuedAt base36 ms>.<HMAC-SHA256>`, signed with a key
 * kept in the database (`server_secrets`), so every server process accepts every other's.
 * The nonce names the credential in the throttle; a new one is issued at each successful
 * sign-in. It grants nothing by itself: the password is still checked.
 *
 * The signature also covers the user's current password hash (never sent): a new password
 * (changed, or set through a password link) makes every credential issued before it worthless,
 * so someone who once knew the old password cannot keep a stock of credentials, each with its
 * own count of guesses, against the new one.
 */
export interface DeviceCredential {
  userId: string;
  /** 128 random bits, base64url: the credential's own throttle key. */
  nonce: string;
  /** When it was issued (ms). */
  issuedAt: number;
}

/** A credential older than this (ms) is ignored; the console cookie lives as long. */
export const DEVICE_CREDENTIAL_LIFETIME_MS = 180 * DAY_MS;
/** Server clocks may disagree this much (ms): a credential issued "in the future" by another process is fine. */
const CLOCK_SKEW_MS = 5 * MINUTE_MS;

const VERSION = 'v1';
const KEY_NAME = 'device-credential-key';
const PART = /^[A-Za-z0-9_-]+$/;

/** One signing key per database, loaded on first use and kept for the process's life. */
const keys = new WeakMap<Db, Promise<Buffer>>();

function signingKey(db: Db, now: number): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = findOrCreateServerSecret(db, KEY_NAME, now);
    // A failed load (database briefly down) is retried by the next sign-in, not cached.
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/** The user a credential is issued to or checked for: who, and the password it is bound to. */
export type CredentialHolder = Pick<UserRow, 'id' | 'password_hash'>;

export async function issueDeviceCredential(db: Db, user: CredentialHolder, now: number): Promise<string> {
  const payload = [VERSION, user.id, randomBytes(16).toString('base64url'), now.toString(36)].join('.');
  return `${payload}.${sign(await signingKey(db, now), payload, user)}`;
}

/**
 * The credential in `value` if it is well formed, signed by this server, not expired, and
 * issued to `user` since their password was last set; otherwise undefined (the client is
 * then untrusted, nothing more).
 */
export async function readDeviceCredential(
  db: Db,
  value: string | undefined,
  user: CredentialHolder | undefined,
  now: number,
): Promise<DeviceCredential | undefined> {
  if (!value || !user?.password_hash || value.length > DEVICE_CREDENTIAL_MAX_LENGTH) return undefined;
  const parts = value.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION || !parts.every((part) => PART.test(part))) return undefined;
  const [, owner, nonce, issued, signature] = parts as [string, string, string, string, string];
  const expected = Buffer.from(sign(await signingKey(db, now), parts.slice(0, 4).join('.'), user), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const issuedAt = Number.parseInt(issued, 36);
  if (owner !== user.id || !(issuedAt <= now + CLOCK_SKEW_MS && now - issuedAt < DEVICE_CREDENTIAL_LIFETIME_MS))
    return undefined;
  return { userId: owner, nonce, issuedAt };
}

function sign(key: Buffer, payload: string, user: CredentialHolder): string {
  return createHmac('sha256', key)
    .update(payload)
    .update('\n')
    .update(user.password_hash ?? '')
    .digest('base64url');
}
