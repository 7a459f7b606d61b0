import { Button, DataList, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { WebhookDelivery } from '../../../contract/security';
import { formatDateTime } from '../../lib/format-date';
import { LoadMore } from '../../lib/load-more';
import { PageError } from '../../lib/page-error';
import { ProblemAlert } from '../../lib/problem-alert';
import { DetailItem } from '../sign-ins/detail-item';
import { DeliveryStatusBadge } from './delivery-status-badge';
import { fetchWebhookDeliveries, retryWebhookDelivery, securitySettingsKeys } from './security-settings.api';

function DeliveryItem({ webhookId, delivery }: { webhookId: string; delivery: WebhookDelivery }) {
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: retryWebhookDelivery,
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Queued to be sent again.' });
      void queryClient.invalidateQueries({ queryKey: securitySettingsKeys.deliveries(webhookId) });
      void queryClient.invalidateQueries({ queryKey: securitySettingsKeys.webhooks });
    },
  });
  return (
    <Paper withBorder p="sm" component="li" style={{ listStyle: 'none' }}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <DeliveryStatusBadge status={delivery.status} />
            <Text size="sm" ff="monospace">
              {delivery.eventType}
            </Text>
          </Group>
          <Button
            size="xs"
            variant="default"
            loading={retry.isPending}
            onClick={() => retry.mutate({ webhookId, deliveryId: delivery.id })}
            aria-label={`Send again the ${delivery.eventType} message of ${formatDateTime(delivery.createdAt)}`}
          >
            Send again
          </Button>
        </Group>
        {retry.isError && <ProblemAlert error={retry.error} />}
        <DataList labelWidth={140} size="sm">
          <DetailItem label="Created">{formatDateTime(delivery.createdAt)}</DetailItem>
          <DetailItem label="Attempts">{String(delivery.attempts)}</DetailItem>
          <DetailItem label="Last answer">
            {delivery.lastStatusCode !== null
              ? `HTTP ${delivery.lastStatusCode}`
              : (delivery.lastError ?? (delivery.attempts === 0 ? 'Not tried yet' : null))}
          </DetailItem>
          {delivery.lastStatusCode !== null && delivery.lastError && (
            <DetailItem label="Error">{delivery.lastError}</DetailItem>
          )}
          {delivery.lastAttemptAt && (
            <DetailItem label="Last attempt">{formatDateTime(delivery.lastAttemptAt)}</DetailItem>
          )}
          {delivery.nextAttemptAt && (
            <DetailItem label="Next attempt">{formatDateTime(delivery.nextAttemptAt)}</DetailItem>
          )}
          {delivery.deliveredAt && <DetailItem label="Delivered">{formatDateTime(delivery.deliveredAt)}</DetailItem>}
          <DetailItem label="Message id">
            <Text span size="xs" ff="monospace">
              {delivery.messageId}
            </Text>
          </DetailItem>
        </DataList>
      </Stack>
    </Paper>
  );
}

/** The webhook's messages, newest first: state, attempts, the receiver's last answer, times; each can be sent again. */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const deliveries = useInfiniteQuery({
    queryKey: securitySettingsKeys.deliveries(webhookId),
    queryFn: ({ pageParam, signal }) => fetchWebhookDeliveries(webhookId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
  const items = useMemo(() => deliveries.data?.pages.flatMap((page) => page.items) ?? [], [deliveries.data]);

  if (deliveries.isPending) return <Skeleton height={80} role="img" aria-label="Loading deliveries" />;
  if (deliveries.isError && !deliveries.isFetchNextPageError) {
    return (
      <PageError error={deliveries.error} title="Could not load the deliveries" onRetry={() => deliveries.refetch()} />
    );
  }
  return (
    <Stack gap="sm">
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing sent yet. “Send test” sends a test message.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} aria-label="Deliveries, newest first">
          {items.map((delivery) => (
            <DeliveryItem key={delivery.id} webhookId={webhookId} delivery={delivery} />
          ))}
        </Stack>
      )}
      <LoadMore query={deliveries} />
    </Stack>
  );
}
