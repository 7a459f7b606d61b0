import type { Role } from '../../../contract/auth';

/** Where a person lands after signing in: owners see their organization's overview, members their own activity. */
export function homePathFor(role: Role): string {
  return role === 'owner' ? '/overview' : '/me';
}

/** A `next` parameter is followed only when it is a path on this site (no `//host` or `https:` redirects). */
export function safeNextPath(next: string | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/login') || next.startsWith('/invite/')) return null;
  return next;
}
