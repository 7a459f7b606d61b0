import { Badge } from '@mantine/core';
import { IconCircleCheck, IconEye, IconPointFilled } from '@tabler/icons-react';
import type { AlertStatus } from '../../../contract/security';
import { STATUS_LABELS } from './alert-labels';

const COLORS: Record<AlertStatus, string> = { open: 'red', acknowledged: 'blue', resolved: 'teal' };
const ICONS: Record<AlertStatus, typeof IconPointFilled> = {
  open: IconPointFilled,
  acknowledged: IconEye,
  resolved: IconCircleCheck,
};

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  const Icon = ICONS[status];
  return (
    <Badge color={COLORS[status]} variant="outline" leftSection={<Icon size={12} aria-hidden />}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
