import { Cron } from 'croner';
import type { PatchPrivacySettingsBody, PrivacySettings } from '../../../contract/privacy-settings.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { lockOrganization } from '../organizations/index.ts';
import { findJobLease } from './job-leases.repository.ts';
import {
  readPrivacySettingsRow,
  type StoredPrivacySettings,
  writePrivacySettings,
} from './privacy-settings.repository.ts';
import { RETENTION_JOB, type RetentionResult } from './run-retention.ts';

/**
 * When the retention job runs: every hour at minute 17 (UTC), in every server process; the lease
 * lets one of them run it, the others find it held and skip that hour. A fixed minute, not a
 * random one, so the Settings page can tell the next run; 17 keeps it off the hour's crowd.
 */
export const RETENTION_SCHEDULE = '17 * * * *';

export function nextRetentionRun(now: number): number {
  const next = new Cron(RETENTION_SCHEDULE, { paused: true, timezone: 'UTC' }).nextRun(new Date(now));
  return next ? next.getTime() : now;
}

/** The organization's retention and anonymisation settings, with the retention job's last and next run. */
export async function readPrivacySettings(db: Db, orgId: string, now: number): Promise<PrivacySettings> {
  const stored = await readPrivacySettingsRow(db, orgId);
  if (!stored) throw new AppError(404, 'not-found', 'Organization not found');
  return toPrivacySettings(db, orgId, stored, now);
}

async function toPrivacySettings(
  db: Db,
  orgId: string,
  stored: StoredPrivacySettings,
  now: number,
): Promise<PrivacySettings> {
  const lease = await findJobLease(db, RETENTION_JOB);
  let lastPurge: PrivacySettings['lastPurge'] = null;
  if (lease?.lastFinishedAt != null) {
    const result = parseResult(lease.lastResult);
    const mine = result?.byOrganization?.[orgId];
    lastPurge = {
      finishedAt: toIso(lease.lastFinishedAt),
      deleted: mine?.deleted ?? 0,
      anonymised: mine?.anonymised ?? 0,
    };
  }
  return {
    ...settingsOf(stored),
    lastPurge,
    nextPurgeAt: toIso(nextRetentionRun(now)),
  };
}

function settingsOf(stored: StoredPrivacySettings) {
  return {
    rawEventsDays: stored.rawEventsDays,
    auditLogDays: stored.auditLogDays,
    ipAnonymisation: { mode: stored.ipAnonymisation, afterDays: stored.ipAnonymiseAfterDays },
  };
}

function parseResult(json: string | null): Partial<RetentionResult> | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as Partial<RetentionResult>;
  } catch {
    return null;
  }
}

/**
 * Changes some of the retention settings (each field given replaces the stored one), recording
 * `privacy_settings.changed` with the fields before and after in the same transaction. Shorter
 * retention takes effect at the job's next run (Settings shows when).
 */
export async function changePrivacySettings(
  db: Db,
  orgId: string,
  actor: AuditActor,
  patch: PatchPrivacySettingsBody,
  now: number,
): Promise<PrivacySettings> {
  const stored = await db.transaction().execute(async (trx) => {
    await lockOrganization(trx, orgId);
    const current = await readPrivacySettingsRow(trx, orgId);
    if (!current) throw new AppError(404, 'not-found', 'Organization not found');
    const next: StoredPrivacySettings = {
      ...current,
      rawEventsDays: patch.rawEventsDays ?? current.rawEventsDays,
      auditLogDays: patch.auditLogDays ?? current.auditLogDays,
      ipAnonymisation: patch.ipAnonymisation?.mode ?? current.ipAnonymisation,
      ipAnonymiseAfterDays: patch.ipAnonymisation?.afterDays ?? current.ipAnonymiseAfterDays,
    };
    await writePrivacySettings(trx, orgId, next);
    const before = flatten(current);
    const after = flatten(next);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAudit(
        trx,
        actor,
        { orgId, action: 'privacy_settings.changed', target: { type: 'organization', id: orgId }, before, after },
        now,
      );
    }
    return next;
  });
  return toPrivacySettings(db, orgId, stored, now);
}

function flatten(settings: StoredPrivacySettings) {
  return {
    rawEventsDays: settings.rawEventsDays,
    auditLogDays: settings.auditLogDays,
    ipAnonymisation: settings.ipAnonymisation,
    ipAnonymiseAfterDays: settings.ipAnonymiseAfterDays,
  };
}
