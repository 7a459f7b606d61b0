import { type PutSsoBody, SSO_CALLBACK_PATH, type SsoSettings } from '../../../contract/sso.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { SsoConnectionRow } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { findUserById } from '../users/index.ts';
import { checkDiscovery } from './oidc-client.ts';
import {
  deleteSsoConnection,
  findDomainsClaimedElsewhere,
  findDomainsUsedElsewhere,
  findSsoConnection,
  findSsoDomains,
  replaceSsoDomains,
  upsertSsoConnection,
} from './sso.repository.ts';

/** The redirect URI the provider must know: PUBLIC_URL (with its path, if any) + the callback path. */
export function ssoRedirectUri(publicUrl: URL): string {
  const base = publicUrl.href.endsWith('/') ? publicUrl.href : `${publicUrl.href}/`;
  return new URL(SSO_CALLBACK_PATH.slice(1), base).toString();
}

export async function readSsoSettings(deps: AppDeps, orgId: string): Promise<SsoSettings> {
  const db = deps.database.db;
  const row = await findSsoConnection(db, orgId);
  const redirectUri = ssoRedirectUri(deps.config.publicUrl);
  if (!row) return { connection: null, redirectUri };
  return { connection: toSsoConnection(row, await findSsoDomains(db, orgId)), redirectUri };
}

/**
 * Creates or replaces the organization's connection. The provider's discovery document is
 * fetched first (an enabled connection only: switching off must work while the provider is
 * down), outside the transaction; then, in one transaction, the rules are checked and the
 * connection and its domains written.
 */
export async function saveSsoSettings(
  deps: AppDeps,
  orgId: string,
  input: PutSsoBody,
  actor: AuditActor,
): Promise<SsoSettings> {
  const db = deps.database.db;
  const domains = [...new Set(input.domains.map((domain) => domain.toLowerCase()))].sort();
  const existing = await findSsoConnection(db, orgId);
  const clientSecret = input.clientSecret ?? existing?.client_secret;
  if (!clientSecret) {
    throw new AppError(
      400,
      'sso-client-secret-required',
      'Client secret required',
      'Give the client secret the provider issued.',
    );
  }
  const issuer = input.issuer.trim();
  if (input.enabled) {
    await checkDiscovery({ issuer, clientId: input.clientId, clientSecret }, { production: deps.config.production });
  }
  try {
    await db.transaction().execute(async (trx) => {
      const breakGlassUserId = input.breakGlassUserId ?? null;
      if (breakGlassUserId !== null || input.ssoOnly) await assertBreakGlassOwner(trx, orgId, breakGlassUserId);
      await assertDomainsFree(trx, orgId, domains);
      const now = deps.now();
      const before = existing ? auditedSso(existing, await findSsoDomains(trx, orgId)) : null;
      const after = {
        issuer,
        clientId: input.clientId,
        enabled: input.enabled,
        justInTime: input.justInTime,
        ssoOnly: input.ssoOnly,
        breakGlassUserId,
        domains,
      };
      await upsertSsoConnection(trx, {
        org_id: orgId,
        issuer,
        client_id: input.clientId,
        client_secret: clientSecret,
        enabled: input.enabled ? 1 : 0,
        just_in_time: input.justInTime ? 1 : 0,
        sso_only: input.ssoOnly ? 1 : 0,
        break_glass_user_id: breakGlassUserId,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      });
      await replaceSsoDomains(trx, orgId, domains);
      // Never the secret itself: only that a new one was given.
      const secretChanged = existing !== undefined && clientSecret !== existing.client_secret;
      await recordAudit(
        trx,
        actor,
        {
          orgId,
          action: 'sso.changed',
          target: { type: 'sso', id: orgId, label: issuer },
          before,
          after: { ...after, ...(secretChanged ? { clientSecret: 'changed' } : {}) },
        },
        now,
      );
    });
  } catch (error) {
    // Two organizations claiming one domain at once: the primary key decides.
    if (isUniqueViolation(error)) throw domainTaken(domains);
    throw error;
  }
  return readSsoSettings(deps, orgId);
}

export async function removeSsoSettings(deps: AppDeps, orgId: string, actor: AuditActor): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const existing = await findSsoConnection(trx, orgId);
    const domains = await findSsoDomains(trx, orgId);
    // Removing what is not there changed nothing to record.
    if (!(await deleteSsoConnection(trx, orgId)) || !existing) return;
    await recordAudit(
      trx,
      actor,
      {
        orgId,
        action: 'sso.changed',
        target: { type: 'sso', id: orgId, label: existing.issuer },
        before: auditedSso(existing, domains),
        after: null,
      },
      deps.now(),
    );
  });
}

/** What the audit log keeps of a connection: its settings without the client secret. */
function auditedSso(row: SsoConnectionRow, domains: readonly string[]) {
  return {
    issuer: row.issuer,
    clientId: row.client_id,
    enabled: row.enabled === 1,
    justInTime: row.just_in_time === 1,
    ssoOnly: row.sso_only === 1,
    breakGlassUserId: row.break_glass_user_id,
    domains: [...domains],
  };
}

/** SSO only needs a way in when the provider fails: an active owner of the organization with a password. */
async function assertBreakGlassOwner(db: Db, orgId: string, userId: string | null): Promise<void> {
  const user = userId === null ? undefined : await findUserById(db, orgId, userId);
  if (user && user.role === 'owner' && user.status === 'active' && user.password_hash !== null) return;
  throw new AppError(
    400,
    'sso-break-glass-invalid',
    'A break-glass owner is needed',
    userId === null
      ? 'Single sign-on only needs a break-glass owner: an active owner with a password who may still sign in with it.'
      : 'The break-glass owner must be an active owner of the organization who has set a password.',
  );
}

/** A domain claimed by another organization, or (when newly claimed here) the address of another's users, is taken. */
async function assertDomainsFree(db: Db, orgId: string, domains: readonly string[]): Promise<void> {
  const current = new Set(await findSsoDomains(db, orgId));
  const added = domains.filter((domain) => !current.has(domain));
  const taken = new Set([
    ...(await findDomainsClaimedElsewhere(db, orgId, domains)),
    ...(await findDomainsUsedElsewhere(db, orgId, added)),
  ]);
  if (taken.size > 0) throw domainTaken([...taken].sort());
}

function domainTaken(domains: readonly string[]): AppError {
  return new AppError(
    409,
    'sso-domain-taken',
    'Domain belongs to another organization',
    `Another organization on this server uses ${domains.join(', ')}: a domain signs in to one organization only.`,
  );
}

function toSsoConnection(row: SsoConnectionRow, domains: string[]) {
  return {
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecretSet: row.client_secret !== '',
    domains,
    justInTime: row.just_in_time === 1,
    ssoOnly: row.sso_only === 1,
    breakGlassUserId: row.break_glass_user_id,
    enabled: row.enabled === 1,
    updatedAt: toIso(row.updated_at),
  };
}
