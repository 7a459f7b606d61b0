/**
 * The span of dates the API and the CLI accept, both ends included: calendar dates from
 * 1970-01-01 to 2100-12-31, and instants from 1970-01-01T00:00:00Z up to (excluding)
 * 2101-01-01T00:00:00Z. Anything outside is a 400: no date can reach a five-digit year
 * (where text order stops being calendar order), a negative epoch or a database overflow.
 * Pure constants: the API contract states them, the server (lib/local-date.ts) checks them.
 */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2100;
export const DATE_SPAN_TEXT = `${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31`;

/** Epoch ms bounds of the accepted span: [start of FIRST_YEAR, start of LAST_YEAR + 1). */
export const FIRST_INSTANT_MS = Date.UTC(FIRST_YEAR, 0, 1);
export const END_INSTANT_MS = Date.UTC(LAST_YEAR + 1, 0, 1);
