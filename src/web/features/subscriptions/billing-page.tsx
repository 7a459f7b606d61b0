import { EmptyState, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useMemo } from 'react';
import { PageError } from '../../lib/page-error';
import { usePageTitle } from '../../lib/page-title';
import { SubscriptionCard } from './subscription-card';
import { sortSubscriptions } from './subscription-status';
import { useSubscriptions } from './use-subscriptions';

export function BillingPage() {
  usePageTitle('Billing');
  const subscriptions = useSubscriptions();
  const items = useMemo(() => sortSubscriptions(subscriptions.data ?? []), [subscriptions.data]);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Billing</Title>
        <Text c="dimmed" size="sm">
          Your organization’s subscriptions: seats bought and assigned, renewals and expiry dates. Purchases and
          renewals are recorded by your Seatkeeper operator.
        </Text>
      </div>
      {subscriptions.isPending ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" aria-busy>
          <Skeleton height={300} radius="sm" />
          <Skeleton height={300} radius="sm" />
        </SimpleGrid>
      ) : subscriptions.isError ? (
        <PageError
          error={subscriptions.error}
          title="Could not load subscriptions"
          onRetry={() => subscriptions.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<IconReceipt aria-hidden />}
          title="No subscriptions yet"
          description="When your operator records a purchase, its seats appear here, ready to assign."
          py="xl"
        />
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          {items.map((subscription) => (
            <SubscriptionCard key={subscription.id} subscription={subscription} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
