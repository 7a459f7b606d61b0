import { Badge } from '@mantine/core';
import { IconCheck, IconClock, IconX } from '@tabler/icons-react';
import type { WebhookDelivery } from '../../../contract/security';

const LOOK = {
  pending: { color: 'blue', label: 'Pending', Icon: IconClock },
  succeeded: { color: 'teal', label: 'Delivered', Icon: IconCheck },
  failed: { color: 'red', label: 'Failed', Icon: IconX },
} as const;

/** A delivery's state in words and shape (clock, check, cross). */
export function DeliveryStatusBadge({ status }: { status: WebhookDelivery['status'] }) {
  const { color, label, Icon } = LOOK[status];
  return (
    <Badge color={color} variant="light" leftSection={<Icon size={12} aria-hidden />}>
      {label}
    </Badge>
  );
}
