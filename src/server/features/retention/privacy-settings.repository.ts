import type { Db } from '../../db/database.ts';
import type { IpAnonymisation } from '../../db/schema.ts';

/** An organization's retention and anonymisation settings, as stored (migration 0012). */
export interface StoredPrivacySettings {
  rawEventsDays: number;
  auditLogDays: number;
  ipAnonymisation: IpAnonymisation;
  ipAnonymiseAfterDays: number;
  /** Stored addresses older than this (ms) are already cut: the retention job's watermark. */
  ipAnonymisedBefore: number;
}

const COLUMNS = [
  'id',
  'raw_event_retention_days',
  'audit_retention_days',
  'ip_anonymisation',
  'ip_anonymise_after_days',
  'ip_anonymised_before',
] as const;

type Row = {
  raw_event_retention_days: number;
  audit_retention_days: number;
  ip_anonymisation: IpAnonymisation;
  ip_anonymise_after_days: number;
  ip_anonymised_before: number | string;
};

function toSettings(row: Row): StoredPrivacySettings {
  return {
    rawEventsDays: Number(row.raw_event_retention_days),
    auditLogDays: Number(row.audit_retention_days),
    ipAnonymisation: row.ip_anonymisation,
    ipAnonymiseAfterDays: Number(row.ip_anonymise_after_days),
    ipAnonymisedBefore: Number(row.ip_anonymised_before),
  };
}

/** Undefined: no such organization. */
export async function readPrivacySettingsRow(db: Db, orgId: string): Promise<StoredPrivacySettings | undefined> {
  const row = await db.selectFrom('organizations').select(COLUMNS).where('id', '=', orgId).executeTakeFirst();
  return row && toSettings(row);
}

/** Every organization's settings, in id order, `limit` after `afterId` (the job walks them all). */
export async function listPrivacySettings(
  db: Db,
  afterId: string | null,
  limit: number,
): Promise<(StoredPrivacySettings & { orgId: string })[]> {
  let query = db.selectFrom('organizations').select(COLUMNS).orderBy('id').limit(limit);
  if (afterId !== null) query = query.where('id', '>', afterId);
  const rows = await query.execute();
  return rows.map((row) => ({ orgId: row.id, ...toSettings(row) }));
}

export async function writePrivacySettings(
  db: Db,
  orgId: string,
  settings: Omit<StoredPrivacySettings, 'ipAnonymisedBefore'>,
): Promise<void> {
  await db
    .updateTable('organizations')
    .set({
      raw_event_retention_days: settings.rawEventsDays,
      audit_retention_days: settings.auditLogDays,
      ip_anonymisation: settings.ipAnonymisation,
      ip_anonymise_after_days: settings.ipAnonymiseAfterDays,
    })
    .where('id', '=', orgId)
    .execute();
}

/**
 * Records that the organization's sign-in attempts before `before` are gone (in the transaction that
 * deletes them): a recount of the reports from raw attempts would lose them (organizations'
 * time-zone change and `rebuild-reports` refuse then). Forward only.
 */
export async function markSignInsPurgedBefore(db: Db, orgId: string, before: number): Promise<void> {
  await db
    .updateTable('organizations')
    .set({ sign_ins_purged_before: before })
    .where('id', '=', orgId)
    .where('sign_ins_purged_before', '<', before)
    .execute();
}

/** Moves the watermark forward only (two runs never move it back). */
export async function advanceAnonymisedBefore(db: Db, orgId: string, before: number): Promise<void> {
  await db
    .updateTable('organizations')
    .set({ ip_anonymised_before: before })
    .where('id', '=', orgId)
    .where('ip_anonymised_before', '<', before)
    .execute();
}
