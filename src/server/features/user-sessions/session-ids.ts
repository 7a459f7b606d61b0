import { createHash } from 'node:crypto';

/**
 * Public ids of sessions. A console session is known by the SHA-256 of its cookie (id_hash); showing
 * that would let anyone who reads a list match it against logs, so its id is a second hash of it,
 * under a label of its own, cut to 22 base64url characters (132 bits: no two sessions share one).
 * An app session is known by its row number.
 */
export function consoleSessionId(idHash: string): string {
  const digest = createHash('sha256').update(`seatkeeper:session-public-id:${idHash}`).digest('base64url');
  return `c_${digest.slice(0, 22)}`;
}

export function appSessionId(id: number): string {
  return `a_${id}`;
}

export type ParsedSessionId = { kind: 'console'; publicId: string } | { kind: 'app'; id: number };

const CONSOLE_ID = /^c_[A-Za-z0-9_-]{22}$/;
/** At most 15 digits: always a safe integer, so no database is asked about a number it cannot hold. */
const APP_ID = /^a_[1-9][0-9]{0,14}$/;

/** The kind and key of a public id; undefined for a string that cannot be one (the caller answers 404). */
export function parseSessionId(sessionId: string): ParsedSessionId | undefined {
  if (APP_ID.test(sessionId)) return { kind: 'app', id: Number(sessionId.slice(2)) };
  if (CONSOLE_ID.test(sessionId)) return { kind: 'console', publicId: sessionId };
  return undefined;
}
