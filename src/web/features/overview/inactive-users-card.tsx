import { Text } from '@mantine/core';
import { BigNumber } from './big-number';
import { OverviewCard } from './overview-card';

export function InactiveUsersCard({ count }: { count: number }) {
  return (
    <OverviewCard title="Inactive users" link={{ to: '/reports/inactive-users', label: 'Review inactive users' }}>
      <BigNumber value={count} label={count === 1 ? 'person' : 'people'} color={count > 0 ? 'orange.8' : undefined} />
      <Text size="sm" c="dimmed">
        No sign-in and no app use in the last 30 days. Deactivate them or free their seats.
      </Text>
    </OverviewCard>
  );
}
