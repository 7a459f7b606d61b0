import { Badge } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconClockPause } from '@tabler/icons-react';
import type { SubscriptionStatus } from '../../../contract/subscriptions';
import { subscriptionStatusLabel } from './subscription-status';

const looks = {
  active: { color: 'teal', Icon: IconCircleCheck },
  cancelled: { color: 'orange', Icon: IconClockPause },
  expired: { color: 'red', Icon: IconCircleX },
} as const;

/** The status in words and with an icon, never colour alone. */
export function SubscriptionStatusBadge({ status, expiresAt }: { status: SubscriptionStatus; expiresAt: string }) {
  const { color, Icon } = looks[status] ?? looks.expired;
  return (
    <Badge color={color} variant="light" leftSection={<Icon size={12} aria-hidden />} style={{ textTransform: 'none' }}>
      {subscriptionStatusLabel(status, expiresAt)}
    </Badge>
  );
}
