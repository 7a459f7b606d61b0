import { Badge } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import type { AlertSeverity } from '../../../contract/security';
import { SEVERITY_LABELS } from './alert-labels';

const COLORS: Record<AlertSeverity, string> = { high: 'red', medium: 'orange', low: 'gray' };
const ICONS: Record<AlertSeverity, typeof IconAlertOctagon> = {
  high: IconAlertOctagon,
  medium: IconAlertTriangle,
  low: IconInfoCircle,
};

/** The severity in words and shape (octagon, triangle, circle), never by colour alone. */
export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  const Icon = ICONS[severity];
  return (
    <Badge color={COLORS[severity]} variant="light" leftSection={<Icon size={12} aria-hidden />}>
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}
