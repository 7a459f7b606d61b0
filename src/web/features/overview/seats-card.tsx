import { Group, Text } from '@mantine/core';
import type { OverviewResponse } from '../../../contract/reports';
import { formatCount } from '../reports/report-format';
import { OverviewCard } from './overview-card';
import { SeatsChart } from './seats-chart';

export function SeatsCard({ seats }: { seats: OverviewResponse['seats'] }) {
  const free = Math.max(0, seats.purchased - seats.assigned);
  const idle = Math.max(0, seats.assigned - seats.usedLast30Days);
  return (
    <OverviewCard title="Seats" link={{ to: '/reports/licenses', label: 'Licenses report' }}>
      <SeatsChart seats={seats} />
      <Group gap="lg">
        <Text size="sm">
          <strong>{formatCount(free)}</strong> free
        </Text>
        <Text size="sm" c={idle > 0 ? 'orange' : undefined}>
          <strong>{formatCount(idle)}</strong> assigned but unused
        </Text>
      </Group>
    </OverviewCard>
  );
}
