import type { Db } from '../../db/database.ts';
import type { SsoConnectionRow, SsoRequestRow } from '../../db/schema.ts';

/** All SQL of single sign-on: sso_connections, sso_domains, sso_requests. */

export async function findSsoConnection(db: Db, orgId: string): Promise<SsoConnectionRow | undefined> {
  return db.selectFrom('sso_connections').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function findSsoDomains(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sso_domains')
    .select('domain')
    .where('org_id', '=', orgId)
    .orderBy('domain')
    .execute();
  return rows.map((row) => row.domain);
}

/**
 * The connection an e-mail domain signs in through, whatever the organization: like
 * findUserByEmail, only sign-in may ask without an organization (a domain belongs to one).
 */
export async function findSsoConnectionByDomain(db: Db, domain: string): Promise<SsoConnectionRow | undefined> {
  return db
    .selectFrom('sso_domains')
    .innerJoin('sso_connections', 'sso_connections.org_id', 'sso_domains.org_id')
    .selectAll('sso_connections')
    .where('sso_domains.domain', '=', domain)
    .executeTakeFirst();
}

/** Which of these domains another organization has claimed. */
export async function findDomainsClaimedElsewhere(db: Db, orgId: string, domains: readonly string[]) {
  if (domains.length === 0) return [];
  const rows = await db
    .selectFrom('sso_domains')
    .select('domain')
    .where('domain', 'in', [...domains])
    .where('org_id', '<>', orgId)
    .execute();
  return rows.map((row) => row.domain);
}

/**
 * Which of these domains are the addresses of users of another organization. The one read of
 * `users` here (sso owns no user): a domain in use elsewhere cannot be claimed, so an owner cannot
 * send another organization's people to their provider. Domains hold only [a-z0-9.-], no LIKE
 * wildcard; a scan of users, for a rare owner action.
 */
export async function findDomainsUsedElsewhere(db: Db, orgId: string, domains: readonly string[]) {
  const used: string[] = [];
  for (const domain of domains) {
    const row = await db
      .selectFrom('users')
      .select('id')
      .where('org_id', '<>', orgId)
      .where('email_normalized', 'like', `%@${domain}`)
      .limit(1)
      .executeTakeFirst();
    if (row) used.push(domain);
  }
  return used;
}

export async function upsertSsoConnection(db: Db, row: SsoConnectionRow): Promise<void> {
  const { org_id: _orgId, created_at: _createdAt, ...changes } = row;
  await db
    .insertInto('sso_connections')
    .values(row)
    .onConflict((conflict) => conflict.column('org_id').doUpdateSet(changes))
    .execute();
}

export async function replaceSsoDomains(db: Db, orgId: string, domains: readonly string[]): Promise<void> {
  await db.deleteFrom('sso_domains').where('org_id', '=', orgId).execute();
  if (domains.length === 0) return;
  await db
    .insertInto('sso_domains')
    .values(domains.map((domain) => ({ domain, org_id: orgId })))
    .execute();
}

/** Removes the connection, its domains and its pending sign-ins; false when there was none. */
export async function deleteSsoConnection(db: Db, orgId: string): Promise<boolean> {
  await db.deleteFrom('sso_domains').where('org_id', '=', orgId).execute();
  await db.deleteFrom('sso_requests').where('org_id', '=', orgId).execute();
  const result = await db.deleteFrom('sso_connections').where('org_id', '=', orgId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertSsoRequest(db: Db, row: SsoRequestRow): Promise<void> {
  await db.insertInto('sso_requests').values(row).execute();
}

/**
 * Takes a pending sign-in by its state, once: the row is deleted as it is read, so of two returns
 * with the same state (a replay, a double submit) only one finds it.
 */
export async function takeSsoRequest(db: Db, stateHash: string): Promise<SsoRequestRow | undefined> {
  return db.deleteFrom('sso_requests').where('state_hash', '=', stateHash).returningAll().executeTakeFirst();
}

/** Sign-ins that never came back; `now` in ms. Keeps the table to the last 10 minutes' starts. */
export async function deleteExpiredSsoRequests(db: Db, now: number): Promise<void> {
  await db.deleteFrom('sso_requests').where('expires_at', '<=', now).execute();
}
