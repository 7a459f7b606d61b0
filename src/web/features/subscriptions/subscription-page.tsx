import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconDeviceDesktop } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page';
import { PageError } from '../../lib/page-error';
import { PageLoader } from '../../lib/page-loader';
import { usePageTitle } from '../../lib/page-title';
import { isApiError } from '../../lib/problem-message';
import { ReclaimPanel } from '../seat-reclaim/reclaim-panel';
import { ExpiryAlert } from './expiry-alert';
import { ExpiryNoticeBadge } from './expiry-notice-badge';
import { FloatingPoolPanel } from './floating-pool-panel';
import { RenewalAction } from './renewal-action';
import { SeatRulesForm } from './seat-rules-form';
import { SeatUsage } from './seat-usage';
import { SubscriptionFacts } from './subscription-facts';
import { SubscriptionHolders } from './subscription-holders';
import { expiryNotice } from './subscription-status';
import { SubscriptionStatusBadge } from './subscription-status-badge';
import { useSubscription } from './use-subscription';

export function SubscriptionPage() {
  const { subscriptionId = '' } = useParams();
  const subscription = useSubscription(subscriptionId);
  usePageTitle(subscription.data?.product.name);
  const back = (
    <Anchor component={Link} to="/billing" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        Billing
      </Group>
    </Anchor>
  );

  if (subscription.isPending) return <PageLoader label="Loading subscription" />;
  if (subscription.isError) {
    return (
      <Stack gap="md">
        {back}
        {isApiError(subscription.error, 404) ? (
          <NotFoundPage />
        ) : (
          <PageError
            error={subscription.error}
            title="Could not load this subscription"
            onRetry={() => subscription.refetch()}
          />
        )}
      </Stack>
    );
  }

  const data = subscription.data;
  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={4} miw={0}>
          <Title order={1}>{data.product.name}</Title>
          <Text c="dimmed" size="sm">
            {data.kind === 'floating'
              ? `Floating pool of ${data.seats} concurrent ${data.seats === 1 ? 'seat' : 'seats'}`
              : `Subscription of ${data.seats} named ${data.seats === 1 ? 'seat' : 'seats'}`}
          </Text>
          <Group gap="xs">
            <SubscriptionStatusBadge status={data.status} expiresAt={data.expiresAt} />
            {/* A warning is said in full by the alert below; only an upcoming renewal needs the badge. */}
            {!expiryNotice(data.status, data.daysUntilExpiry)?.warning && (
              <ExpiryNoticeBadge
                status={data.status}
                expiresAt={data.expiresAt}
                daysUntilExpiry={data.daysUntilExpiry}
              />
            )}
          </Group>
        </Stack>
        <Group gap="sm">
          <Button
            component={Link}
            to={`/billing/${encodeURIComponent(data.id)}/seats-in-use`}
            variant="light"
            leftSection={<IconDeviceDesktop size={16} aria-hidden />}
          >
            Seats in use
          </Button>
          <RenewalAction subscription={data} />
        </Group>
      </Group>
      <ExpiryAlert subscription={data} />
      <Paper withBorder p="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <SeatUsage subscription={data} />
          <SubscriptionFacts subscription={data} />
        </SimpleGrid>
      </Paper>
      {/* A floating pool has no holders to assign: anyone allowed takes a seat while the app runs. */}
      {data.kind === 'floating' ? (
        <FloatingPoolPanel subscription={data} />
      ) : (
        <SubscriptionHolders subscription={data} />
      )}
      <Stack gap="md" component="section" aria-labelledby="seat-rules-heading">
        <Title order={2} size="h3" id="seat-rules-heading">
          Seat rules
        </Title>
        <Paper withBorder p="lg">
          <SeatRulesForm key={data.id} subscription={data} />
        </Paper>
      </Stack>
      <ReclaimPanel key={`reclaim-${data.id}`} subscription={data} />
    </Stack>
  );
}
