import type { Role } from '../../../contract/auth';

/** Where a person lands after signing in: owners see their organization's overview, members their own activity. */
export function homePathFor(role: Role): string {
  return role === 'owner' ? '/overview' : '/me';
}

/**
 * A `next` parameter is followed only when it is a path on this site (no `//host` or `https:` redirects).
 * No control character either: browsers drop tabs and newlines, so `/\t/evil.example` opens `//evil.example`.
 */
export function safeNextPath(next: string | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  if (next.startsWith('/login') || next.startsWith('/invite/')) return null;
  return next;
}
