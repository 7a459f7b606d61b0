import { randomUUID } from 'node:crypto';
import {
  API_TOKEN_MAX_LIFETIME_DAYS,
  API_TOKEN_PREFIX,
  API_TOKEN_PREFIX_LENGTH,
  type ApiTokenScope,
  type CreatedApiToken,
} from '../../../contract/api-tokens.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { DAY_MS } from '../../lib/time.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { lockOrganization } from '../organizations/index.ts';
import { toApiToken } from './api-token-views.ts';
import { countLiveApiTokens, findApiToken, insertApiToken } from './api-tokens.repository.ts';

/** Live tokens per organization at most: past it, revoke one first (a bound on what can leak). */
export const MAX_LIVE_API_TOKENS_PER_ORGANIZATION = 100;

export interface NewApiToken {
  name: string;
  scope: ApiTokenScope;
  /** ISO 8601 (checked at the edge as a real instant of the accepted span). */
  expiresAt?: string | undefined;
}

/**
 * Creates a token for the owner `creatorId` and records it in the audit log, in one transaction.
 * Answers the secret (this once; only its SHA-256 is stored) and the token as lists show it.
 */
export async function createApiToken(
  deps: AppDeps,
  actor: AuditActor,
  input: { orgId: string; creatorId: string; token: NewApiToken },
): Promise<CreatedApiToken> {
  const now = deps.now();
  const expiresAt = expiryOf(input.token.expiresAt, now);
  const name = input.token.name.trim();
  const secret = `${API_TOKEN_PREFIX}${createSecureToken()}`;
  const id = randomUUID();
  return deps.database.db.transaction().execute(async (trx) => {
    // Serialises creations of one organization, so the cap holds however many owners click at once.
    await lockOrganization(trx, input.orgId);
    if ((await countLiveApiTokens(trx, input.orgId, now)) >= MAX_LIVE_API_TOKENS_PER_ORGANIZATION) {
      throw new AppError(
        409,
        'too-many-api-tokens',
        'Too many API tokens',
        `An organization can have ${MAX_LIVE_API_TOKENS_PER_ORGANIZATION} working API tokens; revoke one first.`,
      );
    }
    await insertApiToken(trx, {
      id,
      org_id: input.orgId,
      created_by: input.creatorId,
      name,
      scope: input.token.scope,
      token_hash: hashToken(secret),
      prefix: secret.slice(0, API_TOKEN_PREFIX_LENGTH),
      created_at: now,
      expires_at: expiresAt,
      last_used_at: null,
      last_used_ip: null,
      revoked_at: null,
      revoked_by: null,
    });
    await recordAudit(
      trx,
      actor,
      {
        orgId: input.orgId,
        action: 'api_token.created',
        target: { type: 'api_token', id, label: name },
        after: {
          name,
          scope: input.token.scope,
          expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
        },
      },
      now,
    );
    const row = await findApiToken(trx, input.orgId, id);
    if (!row) throw new Error('the token just inserted is missing');
    return { token: secret, apiToken: toApiToken(row, now) };
  });
}

/** The expiry in epoch ms: in the future, at most API_TOKEN_MAX_LIFETIME_DAYS ahead; null for none. */
function expiryOf(expiresAt: string | undefined, now: number): number | null {
  if (expiresAt === undefined) return null;
  const at = Date.parse(expiresAt);
  if (Number.isFinite(at) && at > now && at <= now + API_TOKEN_MAX_LIFETIME_DAYS * DAY_MS) return at;
  throw new AppError(
    400,
    'invalid-expiry',
    'Expiry not accepted',
    `An API token expires in the future and at most ${API_TOKEN_MAX_LIFETIME_DAYS} days from now.`,
    {
      errors: [
        { path: 'body/expiresAt', message: `must be in the future, at most ${API_TOKEN_MAX_LIFETIME_DAYS} days ahead` },
      ],
    },
  );
}
