import { Group, Progress, Stack, Text } from '@mantine/core';
import { seatUsageLabel } from './subscription-status';

interface SeatUsageProps {
  assigned: number;
  seats: number;
}

/** "18 of 20 seats assigned" with a bar; a full subscription also says so in words. */
export function SeatUsage({ assigned, seats }: SeatUsageProps) {
  const percent = seats > 0 ? Math.min(100, (assigned / seats) * 100) : 100;
  const free = Math.max(0, seats - assigned);
  const label = seatUsageLabel(assigned, seats);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="sm" c={free === 0 ? 'orange' : 'dimmed'} fw={free === 0 ? 600 : undefined}>
          {free === 0 ? 'No free seats' : `${free} free`}
        </Text>
      </Group>
      <Progress.Root
        size="md"
        role="progressbar"
        aria-label="Seats assigned"
        aria-valuemin={0}
        aria-valuemax={seats}
        aria-valuenow={assigned}
        aria-valuetext={label}
      >
        <Progress.Section value={percent} color={free === 0 ? 'orange' : 'blue'} withAria={false} />
      </Progress.Root>
    </Stack>
  );
}
