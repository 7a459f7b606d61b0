import { createLocalJWKSet, decodeJwt, errors, jwtVerify } from 'jose';
import { SeatkeeperLeaseFileError } from './errors.js';
import type { LeaseFileClaims, VerifyLeaseFileOptions } from './types.js';

/** Lease files are signed with EdDSA over Ed25519 only; a file naming another algorithm is refused. */
const ALGORITHMS = ['EdDSA'];

/**
 * Checks a lease file offline, with keys fetched earlier (`client.fetchLicenseKeys`): its signature by one of the
 * keys (the header's `kid` picks it), that it has not expired at `now`, and — when asked — that it was borrowed
 * on this device and for this product. Resolves with its claims; rejects with a SeatkeeperLeaseFileError.
 * Needs WebCrypto's Ed25519 (Node ≥ 20, current browsers).
 */
export async function verifyLeaseFile(leaseFile: string, options: VerifyLeaseFileOptions): Promise<LeaseFileClaims> {
  const now = options.now ?? Date.now();
  let claims: LeaseFileClaims;
  try {
    const keys = createLocalJWKSet(options.keys as unknown as Parameters<typeof createLocalJWKSet>[0]);
    const verified = await jwtVerify(leaseFile, keys, { algorithms: ALGORITHMS, currentDate: new Date(now) });
    claims = verified.payload as unknown as LeaseFileClaims;
  } catch (error) {
    throw refusal(error);
  }
  if (options.deviceId !== undefined && claims.device?.id !== options.deviceId) {
    throw new SeatkeeperLeaseFileError('wrong-device', 'This lease file was borrowed on another device.');
  }
  if (options.productKey !== undefined && claims.product?.key !== options.productKey) {
    throw new SeatkeeperLeaseFileError('wrong-product', 'This lease file is for another product.');
  }
  return claims;
}

/** What a lease file says, unverified (the server's own answer, or for display). */
export function readLeaseFileClaims(leaseFile: string): LeaseFileClaims {
  try {
    return decodeJwt(leaseFile) as unknown as LeaseFileClaims;
  } catch (error) {
    throw new SeatkeeperLeaseFileError('malformed', 'This is not a lease file.', { cause: error });
  }
}

function refusal(error: unknown): SeatkeeperLeaseFileError {
  if (error instanceof errors.JWTExpired) {
    return new SeatkeeperLeaseFileError('expired', 'This lease file has expired.', { cause: error });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new SeatkeeperLeaseFileError('bad-signature', 'This lease file was altered after signing.', {
      cause: error,
    });
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new SeatkeeperLeaseFileError(
      'unknown-key',
      'No stored key signed this lease file; fetch the license keys again when online.',
      { cause: error },
    );
  }
  return new SeatkeeperLeaseFileError('malformed', 'This is not a valid lease file.', { cause: error });
}
