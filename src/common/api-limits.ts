/**
 * Limits the API contract states (src/contract) and the server enforces; the console reads them
 * too. Pure constants, no imports.
 */

/** The longest range a report accepts: three years of days (else 400 invalid-range). */
export const MAX_RANGE_DAYS = 3 * 366;

/** Longest device credential accepted from a client (characters); a real one is about 120. */
export const DEVICE_CREDENTIAL_MAX_LENGTH = 512;
