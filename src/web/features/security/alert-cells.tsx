import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Alert } from '../../../contract/security';
import { TimeCell } from '../activity/time-cell';
import { ALERT_TYPE_LABELS, isSeatAlert } from './alert-labels';

/** The alert's kind in words over its one-sentence explanation. */
export function AlertSummaryCell({ alert }: { alert: Alert }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {ALERT_TYPE_LABELS[alert.type]}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {alert.explanation}
      </Text>
    </Stack>
  );
}

export function AlertUserCell({ alert }: { alert: Alert }) {
  if (!alert.user) {
    return (
      <Text size="sm" c="dimmed">
        {isSeatAlert(alert.type) ? 'A seat pool' : 'Many accounts'}
      </Text>
    );
  }
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Anchor component={Link} to={`/users/${encodeURIComponent(alert.user.id)}/activity`} size="sm">
        {alert.user.name}
      </Anchor>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {alert.user.email}
      </Text>
    </Stack>
  );
}

export function AlertAddressCell({ alert }: { alert: Alert }) {
  return alert.ip ? (
    <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
      {alert.ip}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
}

export function AlertLastSeenCell({ alert }: { alert: Alert }) {
  return <TimeCell iso={alert.lastSeenAt} />;
}
