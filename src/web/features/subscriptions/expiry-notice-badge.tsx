import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { SubscriptionStatus } from '../../../contract/subscriptions';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { expiryNotice } from './subscription-status';

interface ExpiryNoticeBadgeProps {
  status: SubscriptionStatus;
  expiresAt: string;
  daysUntilExpiry: number;
}

/** "Expires in 5 days" (orange, red within a week or once expired) or "Renews in 12 days"; nothing when far off. */
export function ExpiryNoticeBadge({ status, expiresAt, daysUntilExpiry }: ExpiryNoticeBadgeProps) {
  const notice = expiryNotice(status, daysUntilExpiry);
  if (!notice) return null;
  const Icon = notice.warning ? IconAlertTriangle : IconRefresh;
  return (
    <Tooltip label={formatDateTimeWithZone(expiresAt)} withArrow>
      <Badge
        color={notice.tone}
        variant={notice.warning ? 'filled' : 'light'}
        leftSection={<Icon size={12} aria-hidden />}
        style={{ textTransform: 'none' }}
        tabIndex={0}
      >
        {notice.text}
      </Badge>
    </Tooltip>
  );
}
