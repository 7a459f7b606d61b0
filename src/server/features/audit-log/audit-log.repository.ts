import type { Insertable, Selectable, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AuditLogRow } from '../../db/schema.ts';
import { anonymiseIp } from '../../lib/anonymise-ip.ts';
import type { AuditFilters, AuditPosition } from './audit-log.types.ts';

/**
 * The audit log's only write path: one row, in the caller's transaction. Nothing updates or deletes a
 * row but retention and erasure. An organization that anonymises addresses 'always' (Settings →
 * Retention and privacy) gets the actor's address cut to its /24 or /48 here, like its sign-ins.
 */
export async function insertAuditRow(db: Db, row: Insertable<AuditLogRow>): Promise<void> {
  const ip = row.ip ? await storedAddress(db, row.org_id, row.ip) : null;
  await db
    .insertInto('audit_log')
    .values({ ...row, ip })
    .execute();
}

async function storedAddress(db: Db, orgId: string, ip: string): Promise<string> {
  const organization = await db
    .selectFrom('organizations')
    .select('ip_anonymisation')
    .where('id', '=', orgId)
    .executeTakeFirst();
  return organization?.ip_anonymisation === 'always' ? anonymiseIp(ip) : ip;
}

export type AuditRecordRow = Selectable<AuditLogRow> & { api_token_name: string | null };

/**
 * Up to `limit` of the organization's audit rows after `after`, newest first. Each filter is an
 * equality on the column that follows org_id in one of the audit_log_org_{actor,target,action}
 * indexes (migration 0012), each ending (occurred_at, id): a page is one range scan in the list's
 * order whatever its depth. The token's name comes from api_tokens of the same organization (a
 * revoked token keeps its name; an erased one shows none).
 */
export async function findAuditRows(
  db: Db,
  orgId: string,
  filters: AuditFilters,
  after: AuditPosition | undefined,
  limit: number,
): Promise<AuditRecordRow[]> {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('api_tokens as t', (join) => join.onRef('t.id', '=', 'a.api_token_id').onRef('t.org_id', '=', 'a.org_id'))
    .selectAll('a')
    .select('t.name as api_token_name')
    .where('a.org_id', '=', orgId);
  if (filters.actorId !== undefined) query = query.where('a.actor_id', '=', filters.actorId);
  if (filters.action !== undefined) query = query.where('a.action', '=', filters.action);
  if (filters.targetId !== undefined) query = query.where('a.target_id', '=', filters.targetId);
  if (filters.from !== undefined) query = query.where('a.occurred_at', '>=', filters.from);
  if (filters.to !== undefined) query = query.where('a.occurred_at', '<', filters.to);
  if (after) query = query.where(sql<SqlBool>`(a.occurred_at, a.id) < (${after.at}, ${after.id})`);
  return query.orderBy('a.occurred_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}
