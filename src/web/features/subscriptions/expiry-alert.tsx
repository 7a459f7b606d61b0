import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Subscription } from '../../../contract/subscriptions';
import { formatDate } from '../../lib/format-date';
import { expiryNotice } from './subscription-status';

/** The expiry warning said in full, for the subscription's own page; nothing while it renews or is far off. */
export function ExpiryAlert({ subscription }: { subscription: Subscription }) {
  const notice = expiryNotice(subscription.status, subscription.daysUntilExpiry);
  if (!notice?.warning) return null;
  const date = formatDate(subscription.expiresAt);
  const body =
    subscription.status === 'expired'
      ? `Access ended on ${date}. Seat holders can no longer use ${subscription.product.name}; ask your operator to record a renewal.`
      : `Auto-renew is off, so access for every seat holder ends on ${date}. Resume the subscription to keep it.`;
  return (
    <Alert color={notice.tone} icon={<IconAlertTriangle aria-hidden />} title={notice.text} role="status">
      {body}
    </Alert>
  );
}
