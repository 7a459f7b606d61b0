import { parseArgs } from 'node:util';
import { rotateLicenseKey } from '../features/license-keys/index.ts';
import { OPERATOR_CLI } from '../features/operator/index.ts';
import { findOrganization } from '../features/organizations/index.ts';
import { report, withDatabase } from './with-database.ts';

/**
 * The operator rotates an organization's lease-signing key (docs/offline-borrowing.md): after a
 * suspected leak, or on a schedule. Files already borrowed keep verifying; new ones use the new key.
 */
export async function runRotateLicenseKey(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.org) throw new Error('rotate-license-key needs --org ID');
  const orgId = values.org;
  const rotated = await withDatabase(async (db) => {
    if (!(await findOrganization(db, orgId))) throw new Error(`No organization with id ${orgId}`);
    return rotateLicenseKey(db, { orgId, actor: OPERATOR_CLI, now: Date.now() });
  });
  report(
    values.json,
    { orgId, kid: rotated.kid, retired: rotated.retired },
    `Organization ${orgId} now signs lease files with key ${rotated.kid}` +
      (rotated.retired.length ? `; retired ${rotated.retired.join(', ')} (published while its leases last).` : '.'),
  );
}
