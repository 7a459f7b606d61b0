import { Anchor, EmptyState, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArmchair, IconArrowLeft } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page';
import { formatDateTimeWithZone, formatRelative } from '../../lib/format-date';
import { LoadMore } from '../../lib/load-more';
import { PageError } from '../../lib/page-error';
import { PageLoader } from '../../lib/page-loader';
import { usePageTitle } from '../../lib/page-title';
import { isApiError } from '../../lib/problem-message';
import { SeatUsage } from '../subscriptions/seat-usage';
import { useSubscription } from '../subscriptions/use-subscription';
import { LeasesTable } from './leases-table';
import { useLeases } from './use-leases';

/** "Updated 10 seconds ago", said again every 5 s so the page shows how fresh it is. */
function UpdatedAgo({ at }: { at: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 5000);
    return () => window.clearInterval(timer);
  }, []);
  if (!at) return null;
  const iso = new Date(at).toISOString();
  return (
    <Text size="sm" c="dimmed">
      Live, refreshed every 15 seconds · updated{' '}
      <time dateTime={iso} title={formatDateTimeWithZone(iso)}>
        {formatRelative(iso, new Date(Math.max(now, at)))}
      </time>
    </Text>
  );
}

/** Billing → a subscription → Seats in use: which device holds which seat, live, and releasing one. */
export function SeatsInUsePage() {
  const { subscriptionId = '' } = useParams();
  const subscription = useSubscription(subscriptionId);
  const leases = useLeases(subscriptionId);
  const productName = subscription.data?.product.name;
  usePageTitle(productName ? `Seats in use · ${productName}` : 'Seats in use');
  const back = (
    <Anchor component={Link} to={`/billing/${encodeURIComponent(subscriptionId)}`} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {productName ?? 'Subscription'}
      </Group>
    </Anchor>
  );

  if (subscription.isPending) return <PageLoader label="Loading seats in use" />;
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
  const items = leases.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      {back}
      <Stack gap={4}>
        <Title order={1}>Seats in use</Title>
        <Text c="dimmed" size="sm">
          Who holds a seat of {data.product.name} on which machine, since when, and their app’s last heartbeat. Release
          a seat to free it at once.
        </Text>
        <UpdatedAgo at={leases.dataUpdatedAt} />
      </Stack>
      <Paper withBorder p="lg" maw={560}>
        <SeatUsage subscription={data} />
      </Paper>
      {leases.isPending ? (
        <Skeleton height={200} role="status" aria-busy aria-label="Loading seats in use" />
      ) : leases.isError && items.length === 0 ? (
        <PageError error={leases.error} title="Could not load the seats in use" onRetry={() => leases.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<IconArmchair aria-hidden />}
          title="No seat is in use right now"
          description={
            data.kind === 'floating'
              ? `When someone starts ${data.product.name}, the app takes a seat from the pool and shows here until it stops.`
              : `When a seat holder starts ${data.product.name}, the device they use shows here until the app stops.`
          }
          py="lg"
        />
      ) : (
        <Stack gap="md">
          <LeasesTable leases={items} productName={data.product.name} />
          <LoadMore query={leases} />
        </Stack>
      )}
    </Stack>
  );
}
