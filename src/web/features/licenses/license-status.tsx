import { Group } from '@mantine/core';
import type { License } from '../../../contract/licenses';
import { ExpiryNoticeBadge } from '../subscriptions/expiry-notice-badge';
import { daysUntil } from '../subscriptions/subscription-status';
import { SubscriptionStatusBadge } from '../subscriptions/subscription-status-badge';

/** The status of the subscription behind a seat, with the expiry warning when it ends soon. */
export function LicenseStatus({ license }: { license: Pick<License, 'subscriptionStatus' | 'expiresAt'> }) {
  return (
    <Group gap={6}>
      <SubscriptionStatusBadge status={license.subscriptionStatus} expiresAt={license.expiresAt} />
      <ExpiryNoticeBadge
        status={license.subscriptionStatus}
        expiresAt={license.expiresAt}
        daysUntilExpiry={daysUntil(license.expiresAt)}
      />
    </Group>
  );
}
