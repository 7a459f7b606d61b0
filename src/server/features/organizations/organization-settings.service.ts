import type { Static } from 'typebox';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { rebuildReportAggregates } from '../reports/aggregates/rebuild-report-aggregates.ts';
import type { PatchOrganizationBody } from './organization.schemas.ts';
import { findOrganization, type Organization, updateOrganization } from './organizations.repository.ts';

/**
 * Renames the organization, changes its thresholds or its time zone. A new zone moves every
 * event to another local day, so the report aggregates are rebuilt in the same transaction.
 */
export async function changeOrganizationSettings(
  db: Db,
  orgId: string,
  patch: Static<typeof PatchOrganizationBody>,
): Promise<Organization> {
  // Unknown fields are dropped by validation: a body of only those changes nothing, and says so.
  if (Object.keys(patch).length === 0) {
    throw new AppError(
      400,
      'nothing-to-change',
      'Nothing to change',
      'Send name, timeZone, inactivityDays or underuseDays.',
    );
  }
  const timeZone = patch.timeZone === undefined ? undefined : canonicalTimeZone(patch.timeZone);
  return db.transaction().execute(async (trx) => {
    const before = await findOrganization(trx, orgId);
    if (!before) throw new AppError(404, 'not-found', 'Organization not found');
    await updateOrganization(trx, orgId, {
      ...(patch.name !== undefined && { name: patch.name.trim() }),
      ...(timeZone !== undefined && { time_zone: timeZone }),
      ...(patch.inactivityDays !== undefined && { inactivity_days: patch.inactivityDays }),
      ...(patch.underuseDays !== undefined && { underuse_days: patch.underuseDays }),
    });
    if (timeZone !== undefined && timeZone !== before.timeZone) await rebuildReportAggregates(trx, orgId);
    const after = await findOrganization(trx, orgId);
    if (!after) throw new AppError(404, 'not-found', 'Organization not found');
    return after;
  });
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
