import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconDeviceDesktop, IconUsers } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Subscription } from '../../../contract/subscriptions';
import { ExpiryNoticeBadge } from './expiry-notice-badge';
import { RenewalAction } from './renewal-action';
import { SeatUsage } from './seat-usage';
import { SubscriptionFacts } from './subscription-facts';
import { SubscriptionStatusBadge } from './subscription-status-badge';

export function SubscriptionCard({ subscription }: { subscription: Subscription }) {
  const to = `/billing/${encodeURIComponent(subscription.id)}`;
  const headingId = `subscription-${subscription.id}`;
  const expired = subscription.status === 'expired';
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={headingId} bg={expired ? 'gray.0' : undefined}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={6} miw={0}>
            <Title order={2} size="h4" id={headingId}>
              <Anchor component={Link} to={to} inherit>
                {subscription.product.name}
              </Anchor>
            </Title>
            <Group gap="xs">
              <SubscriptionStatusBadge status={subscription.status} expiresAt={subscription.expiresAt} />
              <ExpiryNoticeBadge
                status={subscription.status}
                expiresAt={subscription.expiresAt}
                daysUntilExpiry={subscription.daysUntilExpiry}
              />
            </Group>
          </Stack>
          <Text size="xs" c="dimmed" ff="monospace" title="Product key">
            {subscription.product.key}
          </Text>
        </Group>
        <SeatUsage subscription={subscription} />
        <SubscriptionFacts subscription={subscription} />
        <Group gap="sm">
          {subscription.kind === 'floating' ? (
            <Button
              component={Link}
              to={`${to}/seats-in-use`}
              variant="light"
              leftSection={<IconDeviceDesktop size={16} aria-hidden />}
              aria-label={`Seats in use of ${subscription.product.name}`}
            >
              Seats in use
            </Button>
          ) : (
            <Button component={Link} to={to} variant="light" leftSection={<IconUsers size={16} aria-hidden />}>
              Seat holders
            </Button>
          )}
          <RenewalAction subscription={subscription} />
        </Group>
      </Stack>
    </Card>
  );
}
