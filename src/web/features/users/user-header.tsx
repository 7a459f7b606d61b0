import { Group, Stack, Text, Title } from '@mantine/core';
import type { User } from '../../../contract/users';
import { RoleBadge } from './role-badge';
import { UserActions } from './user-actions';
import { UserStatusBadge } from './user-status-badge';

export function UserHeader({ user }: { user: User }) {
  return (
    <Group justify="space-between" align="flex-end" gap="md">
      <Stack gap={4} miw={0}>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {user.name}
        </Title>
        {/* A long address breaks anywhere rather than pushing the page wider than a phone. */}
        <Text c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {user.email}
        </Text>
        <Group gap="xs">
          <RoleBadge role={user.role} />
          <UserStatusBadge user={user} />
        </Group>
      </Stack>
      <UserActions user={user} />
    </Group>
  );
}
