import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { LeaseFileClaims } from '../../../contract/leases.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../lib/app-error.ts';
import { findSigningKeyById, LEASE_FILE_ALG } from '../license-keys/index.ts';

export const invalidLeaseFile = () =>
  new AppError(
    401,
    'invalid-lease-file',
    'Lease file not valid',
    'This is not a lease file signed by this server (tampered, truncated, or from another server).',
  );

/**
 * Reads a lease file an app brings back: its header's kid names the key (a retired one too), the
 * signature must verify with it, and the key must be the organization's the claims name. Its expiry
 * is the caller's to judge (a status asks about expired files too). Throws 401 invalid-lease-file.
 */
export async function readLeaseFile(db: Db, leaseFile: string): Promise<{ orgId: string; claims: LeaseFileClaims }> {
  let kid: unknown;
  try {
    const header = decodeProtectedHeader(leaseFile);
    if (header.alg !== LEASE_FILE_ALG) throw invalidLeaseFile();
    kid = header.kid;
  } catch {
    throw invalidLeaseFile();
  }
  // A kid is 16 base64url characters; anything else names no key (and needs no query).
  if (typeof kid !== 'string' || !/^[\w-]{1,64}$/.test(kid)) throw invalidLeaseFile();
  const key = await findSigningKeyById(db, kid);
  if (!key) throw invalidLeaseFile();
  let claims: LeaseFileClaims;
  try {
    const publicKey = await importJWK(JSON.parse(key.public_jwk) as JWK, LEASE_FILE_ALG);
    const { payload } = await compactVerify(leaseFile, publicKey, { algorithms: [LEASE_FILE_ALG] });
    claims = JSON.parse(new TextDecoder().decode(payload)) as LeaseFileClaims;
  } catch {
    throw invalidLeaseFile();
  }
  if (claims.org !== key.org_id || typeof claims.jti !== 'string' || !/^[1-9][0-9]{0,15}$/.test(claims.jti)) {
    throw invalidLeaseFile();
  }
  return { orgId: key.org_id, claims };
}
