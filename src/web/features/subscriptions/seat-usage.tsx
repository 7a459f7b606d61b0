import { Group, Progress, Stack, Text } from '@mantine/core';
import type { Subscription } from '../../../contract/subscriptions';
import { seatKindLabel } from './subscription-status';

/**
 * "Named · 18 of 20 assigned" or "Floating pool · 7 of 10 in use" with a bar; a full subscription also says so in
 * words. A floating pool's bar is the seats leased now (devices running the app, and borrowed seats).
 */
export function SeatUsage({
  subscription,
}: {
  subscription: Pick<Subscription, 'kind' | 'seats' | 'assigned' | 'inUse'>;
}) {
  const { seats } = subscription;
  const floating = subscription.kind === 'floating';
  const used = floating ? subscription.inUse : subscription.assigned;
  const percent = seats > 0 ? Math.min(100, (used / seats) * 100) : 100;
  const free = Math.max(0, seats - used);
  const label = seatKindLabel(subscription);
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="sm" c={free === 0 ? 'orange' : 'dimmed'} fw={free === 0 ? 600 : undefined}>
          {free === 0 ? (floating ? 'Pool full' : 'No free seats') : `${free} free`}
        </Text>
      </Group>
      <Progress.Root
        size="md"
        role="progressbar"
        aria-label={floating ? 'Seats in use' : 'Seats assigned'}
        aria-valuemin={0}
        aria-valuemax={seats}
        aria-valuenow={used}
        aria-valuetext={label}
      >
        <Progress.Section value={percent} color={free === 0 ? 'orange' : 'blue'} withAria={false} />
      </Progress.Root>
    </Stack>
  );
}
