import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { LeaseFileClaims, LicenseKeySet } from '../../../contract/leases.ts';
import type { Db } from '../../db/database.ts';
import { lockOrganization } from '../organizations/index.ts';
import {
  findActiveSigningKey,
  findPublishedKeys,
  insertSigningKey,
  retireSigningKeys,
} from './license-keys.repository.ts';

/** The JWS algorithm of every lease file: EdDSA over Ed25519 (RFC 8037), as Keygen signs its license files. */
export const LEASE_FILE_ALG = 'EdDSA';

/** Imported private keys by kid: importing is cheap, but a borrowing burst need not repeat it. Keys never change. */
const privateKeys = new Map<string, Awaited<ReturnType<typeof importJWK>>>();

/** A new Ed25519 key pair for the organization, stored as JWK JSON; answers its kid. */
async function createSigningKey(trx: Db, orgId: string, now: number) {
  const { publicKey, privateKey } = await generateKeyPair(LEASE_FILE_ALG, { crv: 'Ed25519', extractable: true });
  const kid = randomBytes(12).toString('base64url');
  const row = {
    id: kid,
    org_id: orgId,
    public_jwk: JSON.stringify(await exportJWK(publicKey)),
    private_jwk: JSON.stringify(await exportJWK(privateKey)),
    created_at: now,
    retired_at: null,
  };
  await insertSigningKey(trx, row);
  return row;
}

/**
 * The organization's signing key, made at its first borrowing, inside the caller's transaction. Two
 * first borrowings at once must not each make one: the second waits on the organization's row lock
 * (PostgreSQL; SQLite has one writer anyway) and then finds the first one's key.
 */
export async function ensureSigningKey(trx: Db, orgId: string, now: number) {
  const active = await findActiveSigningKey(trx, orgId);
  if (active) return active;
  await lockOrganization(trx, orgId);
  return (await findActiveSigningKey(trx, orgId)) ?? (await createSigningKey(trx, orgId, now));
}

/** Signs a lease file (a compact JWS) with the key; `claims.exp` is the end of the borrowing. */
export async function signLeaseFile(key: { id: string; private_jwk: string }, claims: LeaseFileClaims) {
  let privateKey = privateKeys.get(key.id);
  if (!privateKey) {
    privateKey = await importJWK(JSON.parse(key.private_jwk) as JWK, LEASE_FILE_ALG);
    privateKeys.set(key.id, privateKey);
  }
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: LEASE_FILE_ALG, kid: key.id, typ: 'JWT' })
    .sign(privateKey);
}

/**
 * Rotation, inside the caller's transaction: the active key stops signing, a new one signs from now
 * on. The old one stays published while leases it signed are live (findPublishedKeys), so their files
 * keep verifying offline. Answers the new kid and the retired ones.
 */
export async function rotateSigningKey(trx: Db, orgId: string, now: number) {
  await lockOrganization(trx, orgId);
  const retired = await retireSigningKeys(trx, orgId, now);
  const created = await createSigningKey(trx, orgId, now);
  return { kid: created.id, retired };
}

/** The JWKS (RFC 7517) of the published keys: one organization's, or all when `orgId` is undefined. */
export async function readLicenseKeySet(db: Db, orgId: string | undefined, now: number): Promise<LicenseKeySet> {
  const rows = await findPublishedKeys(db, orgId, now);
  return {
    keys: rows.map((row) => {
      const jwk = JSON.parse(row.public_jwk) as { x: string };
      return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: row.id, alg: LEASE_FILE_ALG, use: 'sig' } as const;
    }),
  };
}
