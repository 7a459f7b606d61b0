/**
 * The public entry of license-keys (issue 14): the Ed25519 keys that sign an organization's lease
 * files, their rotation and the published JWKS. What other features, http/ and cli/ may use of it.
 */
export { findSigningKeyById } from './license-keys.repository.ts';
export { rotateLicenseKey } from './rotate-license-key.ts';
export { ensureSigningKey, LEASE_FILE_ALG, readLicenseKeySet, signLeaseFile } from './signing-keys.ts';
