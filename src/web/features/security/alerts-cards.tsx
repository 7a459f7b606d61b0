import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import type { Alert } from '../../../contract/security';
import { formatDateTime } from '../../lib/format-date';
import { CardList } from '../activity/card-list';
import { AlertAddressCell, AlertLastSeenCell, AlertSummaryCell, AlertUserCell } from './alert-cells';
import { ALERT_TYPE_LABELS } from './alert-labels';
import { AlertStatusBadge } from './alert-status-badge';
import { SeverityBadge } from './severity-badge';

/** An alert on a phone: the table's cells stacked; "Details" opens the drawer and gets focus back from it. */
function AlertCard({ alert, onOpen }: { alert: Alert; onOpen: (id: string) => void }) {
  return (
    <Paper withBorder p="sm" component="li" style={{ listStyle: 'none' }}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <SeverityBadge severity={alert.severity} />
          <AlertStatusBadge status={alert.status} />
        </Group>
        <AlertSummaryCell alert={alert} />
        <AlertUserCell alert={alert} />
        <AlertAddressCell alert={alert} />
        <Group justify="space-between" gap="xs">
          <AlertLastSeenCell alert={alert} />
          <Text size="sm" c="dimmed">
            {alert.signInCount} sign-in{alert.signInCount === 1 ? '' : 's'}
          </Text>
        </Group>
        <Button
          variant="light"
          size="xs"
          rightSection={<IconChevronRight size={14} aria-hidden />}
          onClick={() => onOpen(alert.id)}
          data-alert-id={alert.id}
          aria-label={`Details of the ${ALERT_TYPE_LABELS[alert.type]} alert last seen ${formatDateTime(alert.lastSeenAt)}`}
          style={{ alignSelf: 'flex-end' }}
        >
          Details
        </Button>
      </Stack>
    </Paper>
  );
}

export function AlertsCards({
  alerts,
  loading,
  onOpen,
}: {
  alerts: Alert[];
  loading: boolean;
  onOpen: (id: string) => void;
}) {
  return (
    <CardList
      label="Alerts, most recently seen first"
      loading={loading}
      loadingLabel="Loading alerts"
      skeletonHeight={180}
    >
      {alerts.map((alert) => (
        <AlertCard key={alert.id} alert={alert} onOpen={onOpen} />
      ))}
    </CardList>
  );
}
