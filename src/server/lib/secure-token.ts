import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, invitation links, CSRF tokens. */
export function createSecureToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What we store instead of a bearer secret, so a database leak hands out nothing usable. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
