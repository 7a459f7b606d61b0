import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconUserOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Assignment } from '../../../contract/subscriptions';
import { formatDate, formatDateTimeWithZone } from '../../lib/format-date';
import { WIDE_FROM } from '../../lib/phone-layout';
import { RelativeTime } from '../../lib/relative-time';
import { UnassignSeatButton } from './unassign-seat-button';

export function AssignmentRow({ assignment }: { assignment: Assignment }) {
  const { user } = assignment;
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={0}>
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={`/users/${encodeURIComponent(user.id)}/licenses`} size="sm" fw={500}>
              {user.name}
            </Anchor>
            {user.status === 'deactivated' && (
              <Badge size="xs" color="red" variant="light" leftSection={<IconUserOff size={10} aria-hidden />}>
                Deactivated
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {user.email}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td visibleFrom={WIDE_FROM}>
        <Text
          size="sm"
          component="time"
          dateTime={assignment.assignedAt}
          title={formatDateTimeWithZone(assignment.assignedAt)}
        >
          {formatDate(assignment.assignedAt)}
        </Text>
        {assignment.assignedBy && (
          <Text size="xs" c="dimmed">
            by {assignment.assignedBy.name}
          </Text>
        )}
      </Table.Td>
      <Table.Td visibleFrom={WIDE_FROM}>
        <RelativeTime iso={assignment.lastUsedAt} fallback="Never" />
      </Table.Td>
      <Table.Td ta="right">
        <UnassignSeatButton
          subscriptionId={assignment.subscriptionId}
          productName={assignment.product.name}
          user={user}
        />
      </Table.Td>
    </Table.Tr>
  );
}
