import { SSO_START_PATH } from '../../../contract/sso.ts';
import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { findSsoConnectionByDomain } from './sso.repository.ts';

/** The domain of an e-mail address, lower-cased ('' when there is none). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0
    ? ''
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/**
 * When the email's domain belongs to an organization that signs in through its provider only,
 * the path that starts that sign-in (POST it `{email}`); undefined when a password may be used
 * (no SSO, SSO off or not enforced, `user` is the organization's break-glass owner, or `user`
 * belongs to another organization: a domain claimed by one organization never locks out
 * another's people). Decided by the domain for unknown accounts too, so the answer reveals no account.
 */
export async function ssoRequiredFor(
  db: Db,
  email: string,
  user: Pick<UserRow, 'id' | 'org_id'> | undefined,
): Promise<{ startPath: string } | undefined> {
  const domain = emailDomain(email);
  if (!domain) return undefined;
  const connection = await findSsoConnectionByDomain(db, domain);
  if (connection?.enabled !== 1 || connection.sso_only !== 1) return undefined;
  if (user && user.org_id !== connection.org_id) return undefined;
  if (user && user.id === connection.break_glass_user_id) return undefined;
  return { startPath: SSO_START_PATH };
}
