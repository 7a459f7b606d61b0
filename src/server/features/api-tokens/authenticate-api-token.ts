import { API_TOKEN_PREFIX } from '../../../contract/api-tokens.ts';
import type { Db } from '../../db/database.ts';
import type { ApiTokenScope } from '../../db/schema.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { MINUTE_MS } from '../../lib/time.ts';
import type { SessionUser } from '../auth/index.ts';
import { apiTokenStatus } from './api-token-views.ts';
import { findApiTokenByHash, touchApiToken } from './api-tokens.repository.ts';

/** Writing last_used_at on every request would turn a script's reads into writes; once a minute is enough. */
export const API_TOKEN_TOUCH_INTERVAL_MS = MINUTE_MS;
/** Longer than any token we issue (`skt_` + 43 characters); a longer one is refused unread. */
const MAX_TOKEN_LENGTH = 100;

/** Whether a Bearer credential is one of ours (else the header is not for us: an app token, garbage). */
export function looksLikeApiToken(credential: string): boolean {
  return credential.startsWith(API_TOKEN_PREFIX);
}

/**
 * The user a Bearer API token acts as, or undefined when the token is unknown, revoked or expired at
 * `now`, or its creator is deactivated. The creator as they are now: the role comes from the users
 * row at this request, so a demoted owner's token can no longer do owner things. Records the use
 * (time and address) at most once a minute.
 */
export async function authenticateApiToken(
  db: Db,
  credential: string,
  use: { now: number; ip: string },
): Promise<(SessionUser & { apiTokenScope: ApiTokenScope }) | undefined> {
  if (!looksLikeApiToken(credential) || credential.length > MAX_TOKEN_LENGTH) return undefined;
  const row = await findApiTokenByHash(db, hashToken(credential));
  if (!row || apiTokenStatus(row, use.now) !== 'active' || row.creator_status !== 'active') return undefined;
  if (row.last_used_at === null || use.now - row.last_used_at >= API_TOKEN_TOUCH_INTERVAL_MS) {
    await touchApiToken(db, row.org_id, row.id, use);
  }
  return {
    idHash: '',
    userId: row.created_by,
    orgId: row.org_id,
    email: row.creator_email,
    role: row.creator_role,
    csrfToken: '',
    enrolmentOnly: false,
    apiTokenId: row.id,
    apiTokenScope: row.scope,
  };
}
