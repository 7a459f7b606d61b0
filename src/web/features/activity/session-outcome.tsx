import { Badge, Stack, Text } from '@mantine/core';
import { IconApps, IconPlayerPlay } from '@tabler/icons-react';
import type { ActivitySession } from '../../../contract/activity';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { describeSession } from './session-label';

/** A period of app use is neither success nor failure: a neutral badge, its duration and why it ended. */
export function SessionOutcome({ session }: { session: ActivitySession }) {
  const { badge, detail } = describeSession(session);
  const ended = session.endedAt ? `Ended ${formatDateTimeWithZone(session.endedAt)}` : undefined;
  return (
    <Stack gap={2} align="flex-start">
      <Badge
        color={session.active ? 'blue' : 'gray'}
        variant="light"
        leftSection={session.active ? <IconPlayerPlay size={12} aria-hidden /> : <IconApps size={12} aria-hidden />}
      >
        {badge}
      </Badge>
      <Text size="xs" c="dimmed" title={ended} style={{ whiteSpace: 'nowrap' }}>
        {detail}
      </Text>
    </Stack>
  );
}
