import { Group, Text } from '@mantine/core';
import type { OverviewResponse } from '../../../contract/reports';
import { formatCount } from '../reports/report-format';
import { BigNumber } from './big-number';
import { OverviewCard } from './overview-card';

export function UsersCard({ users }: { users: OverviewResponse['users'] }) {
  return (
    <OverviewCard title="Users" link={{ to: '/users', label: 'All users' }}>
      <BigNumber value={users.active} label={users.active === 1 ? 'active user' : 'active users'} />
      <Group gap="lg">
        <Text size="sm">
          <strong>{formatCount(users.invited)}</strong> invited, not signed in yet
        </Text>
        <Text size="sm">
          <strong>{formatCount(users.deactivated)}</strong> deactivated
        </Text>
      </Group>
    </OverviewCard>
  );
}
