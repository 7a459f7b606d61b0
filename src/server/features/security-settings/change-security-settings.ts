import ipaddr from 'ipaddr.js';
import type { PatchSecuritySettingsBody, SecuritySettings } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../lib/app-error.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { lockOrganization } from '../organizations/index.ts';
import { readStoredSecuritySettings, writeSecuritySettings } from './security-settings.repository.ts';
import { securitySettingsFrom, type TrustedNetwork } from './security-settings.ts';

/**
 * Changes some of the organization's security rules: each group given replaces the stored one
 * whole; the others keep their value (or default). Trusted networks are checked and written in
 * canonical form (203.0.113.7/24 → 203.0.113.0/24; a lone address as /32 or /128).
 */
export async function changeSecuritySettings(
  db: Db,
  orgId: string,
  patch: PatchSecuritySettingsBody,
  actor: AuditActor,
  now: number,
): Promise<SecuritySettings> {
  if (Object.keys(patch).length === 0) {
    throw new AppError(400, 'nothing-to-change', 'Nothing to change', 'Send at least one group of rules.');
  }
  const changes = {
    ...patch,
    ...(patch.trustedNetworks && { trustedNetworks: patch.trustedNetworks.map(canonicalNetwork) }),
  };
  return db.transaction().execute(async (trx) => {
    await lockOrganization(trx, orgId);
    const stored = await readStoredSecuritySettings(trx, orgId);
    if (stored === undefined) throw new AppError(404, 'not-found', 'Organization not found');
    const current = securitySettingsFrom(stored);
    const { signIn, ...rest } = changes;
    const next: SecuritySettings = {
      ...current,
      ...rest,
      ...(signIn && { signIn: { ...signIn, requiredSince: requiredSince(current.signIn, signIn, now) } }),
    };
    await writeSecuritySettings(trx, orgId, JSON.stringify(next));
    // Each group that changed, whole (recordAudit keeps only the groups whose value differs).
    if (JSON.stringify(current) !== JSON.stringify(next)) {
      await recordAudit(
        trx,
        actor,
        {
          orgId,
          action: 'security_settings.changed',
          target: { type: 'organization', id: orgId, label: null },
          before: { ...current },
          after: { ...next },
        },
        now,
      );
    }
    return next;
  });
}

const REQUIRED_RANK = { nobody: 0, owners: 1, everyone: 2 } as const;

/** The grace counts from the last time the requirement widened (nobody → owners → everyone). */
function requiredSince(
  current: SecuritySettings['signIn'],
  next: Pick<SecuritySettings['signIn'], 'requireSecondFactor'>,
  now: number,
): string | null {
  if (next.requireSecondFactor === 'nobody') return null;
  if (REQUIRED_RANK[next.requireSecondFactor] > REQUIRED_RANK[current.requireSecondFactor]) {
    return new Date(now).toISOString();
  }
  return current.requiredSince;
}

function canonicalNetwork(network: TrustedNetwork, index: number): TrustedNetwork {
  const text = network.cidr.trim();
  const label = network.label.trim();
  try {
    const [address, prefix] = text.includes('/')
      ? ipaddr.parseCIDR(text)
      : ((parsed) => [parsed, parsed.kind() === 'ipv4' ? 32 : 128] as const)(ipaddr.parse(text));
    if (address.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(text.split('/')[0] ?? '')) {
      throw new Error('not four-part');
    }
    const network =
      address.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`)
        : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
    return { cidr: `${network.toString()}/${prefix}`, label };
  } catch {
    throw new AppError(
      400,
      'invalid-trusted-network',
      'Invalid trusted network',
      `"${text.slice(0, 64)}" is not an address or a network in CIDR notation, such as 203.0.113.0/24 or 2001:db8::/48.`,
      { errors: [{ path: `body/trustedNetworks/${index}/cidr`, message: 'must be an address or a CIDR network' }] },
    );
  }
}
