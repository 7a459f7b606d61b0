import { List, Text } from '@mantine/core';
import { TimeCell } from '../activity/time-cell';
import { STATUS_LABELS } from './alert-labels';
import type { AlertDetailResponse } from './alerts.api';

/** Who moved the alert, from what to what, when, and why; oldest first. */
export function AlertHistory({ history }: { history: AlertDetailResponse['history'] }) {
  if (history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No change yet: the alert is as it was raised.
      </Text>
    );
  }
  return (
    <List spacing="xs" size="sm" aria-label="Status changes, oldest first">
      {history.map((change) => (
        <List.Item key={`${change.at}-${change.to}`}>
          <Text size="sm" span>
            {STATUS_LABELS[change.from]} → <strong>{STATUS_LABELS[change.to]}</strong> by{' '}
            {change.by ? change.by.name : 'Seatkeeper'}, <TimeCell iso={change.at} />
          </Text>
          {change.note && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              “{change.note}”
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}
