import { Alert, Badge, Button, Group, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RECLAIM_PRESETS, RECLAIM_UNDO_DAYS, RECLAIM_WARNING_DAYS } from '../../../contract/seat-reclaim';
import type { Subscription } from '../../../contract/subscriptions';
import { PageError } from '../../lib/page-error';
import { ProblemAlert } from '../../lib/problem-alert';
import { changeSeatRules } from '../subscriptions/subscriptions.api';
import { subscriptionsKeys } from '../subscriptions/subscriptions-query-keys';
import { RecentReclaims } from './recent-reclaims';
import { ReclaimPreviewTable } from './reclaim-preview-table';
import { previewReclaim } from './seat-reclaim.api';
import { seatReclaimKeys } from './seat-reclaim-query-keys';

/**
 * "Reclaim dormant seats" on a named subscription's page (docs/seat-reclaim.md): choose how many days
 * without use, see what that would warn and free today, turn the policy on or off, undo recent reclaims.
 */
export function ReclaimPanel({ subscription }: { subscription: Subscription }) {
  if (subscription.kind !== 'named') return null;
  return <NamedReclaimPanel subscription={subscription} />;
}

function NamedReclaimPanel({ subscription }: { subscription: Subscription }) {
  const policy = subscription.seatRules.reclaimAfterDays;
  const [afterDays, setAfterDays] = useState<number>(policy ?? 90);
  const queryClient = useQueryClient();
  const preview = useQuery({
    queryKey: seatReclaimKeys.preview(subscription.id, afterDays),
    queryFn: ({ signal }) => previewReclaim(subscription.id, afterDays, signal),
  });
  const change = useMutation({
    mutationFn: (reclaimAfterDays: number | null) => changeSeatRules(subscription.id, { reclaimAfterDays }),
    onSuccess: (updated, reclaimAfterDays) => {
      queryClient.setQueryData(subscriptionsKeys.detail(subscription.id), updated);
      void queryClient.invalidateQueries({ queryKey: subscriptionsKeys.all });
      void queryClient.invalidateQueries({ queryKey: seatReclaimKeys.all });
      notifications.show({
        color: 'teal',
        message:
          reclaimAfterDays === null
            ? 'Dormant-seat reclaim is off: no seat will be freed for lack of use.'
            : `Dormant-seat reclaim is on: seats unused for ${reclaimAfterDays} days are freed.`,
      });
    },
  });
  const options = [...new Set([...RECLAIM_PRESETS, ...(policy === null ? [] : [policy])])].sort((a, b) => a - b);
  const product = subscription.product.name;

  return (
    <Stack gap="md" component="section" aria-labelledby="reclaim-heading">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3" id="reclaim-heading">
          Reclaim dormant seats
        </Title>
        <Badge variant="light" color={policy === null ? 'gray' : 'teal'}>
          {policy === null ? 'Off' : `On: after ${policy} days`}
        </Badge>
      </Group>
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Text size="sm">
            Seats nobody uses can go back to the pool by themselves. When a seat of {product} has not been used for the
            chosen number of days minus {RECLAIM_WARNING_DAYS}, its holder gets an e-mail saying when the seat will be
            freed and that using the app keeps it. {RECLAIM_WARNING_DAYS} days later, if the app was still not used, the
            seat is freed and recorded in the audit log. You can give it back with one click for {RECLAIM_UNDO_DAYS}{' '}
            days.
          </Text>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="reclaim-days-label">
              Free a seat after this many days without use
            </Text>
            <SegmentedControl
              aria-labelledby="reclaim-days-label"
              value={String(afterDays)}
              onChange={(value) => setAfterDays(Number(value))}
              data={options.map((days) => ({ value: String(days), label: `${days} days` }))}
              style={{ alignSelf: 'flex-start' }}
            />
          </Stack>
          {preview.isPending ? (
            <Skeleton height={80} />
          ) : preview.isError ? (
            <PageError error={preview.error} title="Could not preview the policy" onRetry={() => preview.refetch()} />
          ) : (
            <Stack gap="sm">
              <Alert color="blue" icon={<IconInfoCircle aria-hidden />} title={`With ${afterDays} days, today`}>
                {preview.data.items.length === 0
                  ? 'No seat has been idle long enough: nobody would be warned and no seat freed.'
                  : `${preview.data.warnCount} ${preview.data.warnCount === 1 ? 'holder' : 'holders'} would be warned and ${preview.data.reclaimCount} ${preview.data.reclaimCount === 1 ? 'seat' : 'seats'} freed. ${preview.data.items.length} ${preview.data.items.length === 1 ? 'seat is' : 'seats are'} idle for ${afterDays - RECLAIM_WARNING_DAYS} days or more.`}
              </Alert>
              {preview.data.items.length > 0 && (
                <ReclaimPreviewTable
                  items={preview.data.items}
                  caption={`Seats of ${product} idle for ${afterDays - RECLAIM_WARNING_DAYS} days or more`}
                />
              )}
            </Stack>
          )}
          {change.isError && <ProblemAlert error={change.error} />}
          <Group gap="sm">
            {policy !== afterDays && (
              <Button loading={change.isPending && change.variables !== null} onClick={() => change.mutate(afterDays)}>
                {policy === null ? `Turn on (${afterDays} days)` : `Change to ${afterDays} days`}
              </Button>
            )}
            {policy !== null && (
              <Button
                variant="default"
                loading={change.isPending && change.variables === null}
                onClick={() => change.mutate(null)}
              >
                Turn off
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      <Title order={3} size="h4">
        Freed in the last 30 days
      </Title>
      <RecentReclaims subscriptionId={subscription.id} productName={product} />
    </Stack>
  );
}
