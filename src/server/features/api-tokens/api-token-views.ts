import type { ApiToken, ApiTokenStatus } from '../../../contract/api-tokens.ts';
import { toIso } from '../../lib/time.ts';
import type { ApiTokenWithCreator } from './api-tokens.repository.ts';

/** Revoked beats expired: a revoked token stays revoked whatever its expiry says. */
export function apiTokenStatus(
  row: Pick<ApiTokenWithCreator, 'revoked_at' | 'expires_at'>,
  now: number,
): ApiTokenStatus {
  if (row.revoked_at !== null) return 'revoked';
  if (row.expires_at !== null && row.expires_at <= now) return 'expired';
  return 'active';
}

/** The API shape: never the hash, and only the prefix of the secret. */
export function toApiToken(row: ApiTokenWithCreator, now: number): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    prefix: row.prefix,
    status: apiTokenStatus(row, now),
    createdAt: toIso(row.created_at),
    createdBy: { id: row.created_by, name: row.creator_name, email: row.creator_email },
    expiresAt: toIso(row.expires_at),
    lastUsedAt: toIso(row.last_used_at),
    lastUsedIp: row.last_used_ip,
    revokedAt: toIso(row.revoked_at),
  };
}
