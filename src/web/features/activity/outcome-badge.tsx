import { Badge, Stack, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { ActivityItem } from '../../../contract/activity';
import { failureReasonLabel, proofLabel } from './failure-reasons';
import { SessionOutcome } from './session-outcome';

/** Success or failure said in words and shape (check / cross), not by colour alone; a failure says why. */
export function OutcomeBadge({
  item,
}: {
  item: Pick<ActivityItem, 'outcome' | 'failureReason'> &
    Partial<Pick<ActivityItem, 'type' | 'session' | 'method' | 'secondFactor' | 'stepReason'>>;
}) {
  if (item.type === 'app_session' && item.session) return <SessionOutcome session={item.session} />;
  // Anything but a plain password is said under the badge: the factor used and why it was asked.
  const proof =
    item.method !== undefined && (item.method !== 'password' || item.stepReason)
      ? proofLabel({
          method: item.method,
          secondFactor: item.secondFactor ?? null,
          stepReason: item.stepReason ?? null,
        })
      : null;
  if (item.outcome === 'success') {
    const badge = (
      <Badge color="teal" variant="light" leftSection={<IconCheck size={12} aria-hidden />}>
        Success
      </Badge>
    );
    if (!proof) return badge;
    return (
      <Stack gap={2} align="flex-start">
        {badge}
        <Text size="xs" c="dimmed">
          {proof}
        </Text>
      </Stack>
    );
  }
  const reason = failureReasonLabel(item.failureReason);
  return (
    <Stack gap={2} align="flex-start">
      <Badge color="red" variant="light" leftSection={<IconX size={12} aria-hidden />}>
        Failed
      </Badge>
      {reason && (
        <Text size="xs" c="dimmed">
          {reason}
        </Text>
      )}
    </Stack>
  );
}
