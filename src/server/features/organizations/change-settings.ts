import type { Static } from 'typebox';
import type { PatchOrganizationBody } from '../../../contract/organization.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../lib/app-error.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import {
  isRebuildRunningHere,
  type ReportRebuildState,
  readReportRebuild,
  requestReportRebuild,
  resumeReportRebuilds,
  startReportRebuild,
} from '../report-aggregates/index.ts';
import {
  findOrganization,
  findSignInsPurgedBefore,
  type Organization,
  updateOrganization,
} from './organizations.repository.ts';

export type OrganizationSettingsAnswer = Organization & { reportsRecount: ReportRebuildState | null };

export interface SettingsOptions {
  now?: () => number;
  /** Reports a failure of the background recount (the route's logger). */
  onError?: (error: unknown) => void;
}

/**
 * Renames the organization, changes its thresholds or its time zone. A new zone moves every
 * event to another local day: the zone and a mark "recount the reports" commit together, and
 * the report aggregates are rebuilt in the background, in short batches (report-aggregates,
 * report-rebuilds.ts), so this answers at once with the recount's state. A second change
 * while one runs restarts it in the newest zone (never two at once).
 */
export async function changeOrganizationSettings(
  db: Db,
  orgId: string,
  patch: Static<typeof PatchOrganizationBody>,
  actor: AuditActor,
  options: SettingsOptions = {},
): Promise<OrganizationSettingsAnswer> {
  // Unknown fields are dropped by validation: a body of only those changes nothing, and says so.
  if (Object.keys(patch).length === 0) {
    throw new AppError(
      400,
      'nothing-to-change',
      'Nothing to change',
      'Send name, timeZone, inactivityDays or underuseDays.',
    );
  }
  const now = options.now ?? Date.now;
  const timeZone = patch.timeZone === undefined ? undefined : canonicalTimeZone(patch.timeZone);
  const { after, recount } = await db.transaction().execute(async (trx) => {
    const before = await findOrganization(trx, orgId);
    if (!before) throw new AppError(404, 'not-found', 'Organization not found');
    await updateOrganization(trx, orgId, {
      ...(patch.name !== undefined && { name: patch.name.trim() }),
      ...(timeZone !== undefined && { time_zone: timeZone }),
      ...(patch.inactivityDays !== undefined && { inactivity_days: patch.inactivityDays }),
      ...(patch.underuseDays !== undefined && { underuse_days: patch.underuseDays }),
    });
    const recount = timeZone !== undefined && timeZone !== before.timeZone;
    if (recount && (await findSignInsPurgedBefore(trx, orgId)) > 0) throw historyPurged();
    if (recount) await requestReportRebuild(trx, orgId, now());
    const after = await findOrganization(trx, orgId);
    if (!after) throw new AppError(404, 'not-found', 'Organization not found');
    const { id: _beforeId, ...beforeFields } = before;
    const { id: _afterId, ...afterFields } = after;
    // Only what changed is kept; a PATCH that repeats the current values changed nothing to record.
    if (JSON.stringify(beforeFields) !== JSON.stringify(afterFields)) {
      await recordAudit(
        trx,
        actor,
        {
          orgId,
          action: 'settings.changed',
          target: { type: 'organization', id: orgId, label: after.name },
          before: beforeFields,
          after: afterFields,
        },
        now(),
      );
    }
    return { after, recount };
  });
  if (recount) void startReportRebuild(db, orgId, { now, onError: options.onError });
  return { ...after, reportsRecount: await readReportRebuild(db, orgId) };
}

/**
 * A new zone recounts the reports from the raw sign-in attempts; once retention has deleted some,
 * the recount would drop them from every report (the aggregates are their only record). Refused,
 * rather than silently shortening the organization's history.
 */
function historyPurged() {
  return new AppError(
    409,
    'reports-history-purged',
    'Time zone can no longer change',
    'Changing the time zone recounts the reports from the stored sign-ins, and retention has deleted the oldest ' +
      'ones: the reports would lose them. Keep the current zone (times are still shown in each viewer’s own zone).',
  );
}

/**
 * The settings with the reports' recount state. A recount left running by a process that
 * died (no batch for a minute, none here) is resumed from its last batch.
 */
export async function readOrganizationSettings(
  db: Db,
  orgId: string,
  options: SettingsOptions = {},
): Promise<OrganizationSettingsAnswer | undefined> {
  const organization = await findOrganization(db, orgId);
  if (!organization) return undefined;
  const reportsRecount = await readReportRebuild(db, orgId);
  if (reportsRecount?.status === 'running' && !isRebuildRunningHere(db, orgId)) {
    await resumeReportRebuilds(db, { ...options, orgId, onlyStale: true });
  }
  return { ...organization, reportsRecount };
}

/** The zone's canonical IANA name ("europe/berlin" → "Europe/Berlin"), or a 400 naming it. */
export function canonicalTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new AppError(400, 'invalid-time-zone', 'Unknown time zone', `"${zone}" is not an IANA time zone.`, {
      errors: [{ path: 'body/timeZone', message: 'must be an IANA time zone such as Europe/Berlin' }],
    });
  }
}
