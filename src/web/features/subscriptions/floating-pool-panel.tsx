import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Subscription } from '../../../contract/subscriptions';

/** What a floating pool shows where named seats list their holders: how the pool works and who uses it now. */
export function FloatingPoolPanel({ subscription }: { subscription: Subscription }) {
  const free = Math.max(0, subscription.seats - subscription.inUse);
  return (
    <Stack gap="md" component="section" aria-labelledby="pool-heading">
      <Title order={2} size="h3" id="pool-heading">
        The pool
      </Title>
      <Paper withBorder p="lg">
        <Stack gap="xs">
          <Text size="sm">
            Any active member of your organization can use {subscription.product.name}: the app takes a seat from the
            pool when it starts and gives it back when it stops, or after {subscription.seatRules.leaseWindowMinutes}{' '}
            minutes without a heartbeat. No one needs a seat assigned.
          </Text>
          <Text size="sm">
            {subscription.inUse} of {subscription.seats} in use now
            {subscription.borrowed > 0 ? `, ${subscription.borrowed} of them borrowed for offline use` : ''}; {free}{' '}
            free.
          </Text>
          <Anchor component={Link} to={`/billing/${encodeURIComponent(subscription.id)}/seats-in-use`} size="sm">
            <Group gap={4} component="span">
              Who uses the pool now
              <IconArrowRight size={14} aria-hidden />
            </Group>
          </Anchor>
        </Stack>
      </Paper>
    </Stack>
  );
}
