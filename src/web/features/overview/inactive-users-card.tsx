import { Text } from '@mantine/core';
import { formatDays } from '../reports/report-format';
import { BigNumber } from './big-number';
import { OverviewCard } from './overview-card';

interface InactiveUsersCardProps {
  count: number;
  /** The organization's threshold the count used (Settings). */
  days: number;
}

export function InactiveUsersCard({ count, days }: InactiveUsersCardProps) {
  return (
    <OverviewCard title="Inactive users" link={{ to: '/reports/inactive-users', label: 'Review inactive users' }}>
      <BigNumber value={count} label={count === 1 ? 'person' : 'people'} color={count > 0 ? 'orange' : undefined} />
      <Text size="sm" c="dimmed">
        No sign-in and no app use in the last {formatDays(days)}. Deactivate them or free their seats.
      </Text>
    </OverviewCard>
  );
}
