import { Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Reclaim } from '../../../contract/seat-reclaim';
import { formatDate } from '../../lib/format-date';
import { PageError } from '../../lib/page-error';
import { ProblemAlert } from '../../lib/problem-alert';
import { useInvalidateSeats } from '../subscriptions/use-invalidate-seats';
import { listReclaims, undoReclaim } from './seat-reclaim.api';
import { seatReclaimKeys } from './seat-reclaim-query-keys';

/** The seats the policy freed in the last 30 days, each with its one-click undo while it is possible. */
export function RecentReclaims({ subscriptionId, productName }: { subscriptionId: string; productName: string }) {
  const reclaims = useQuery({
    queryKey: seatReclaimKeys.reclaims(subscriptionId),
    queryFn: ({ signal }) => listReclaims(subscriptionId, signal),
  });
  if (reclaims.isPending) return <Skeleton height={60} />;
  if (reclaims.isError) {
    return <PageError error={reclaims.error} title="Could not load freed seats" onRetry={() => reclaims.refetch()} />;
  }
  if (reclaims.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No seat was freed in the last 30 days.
      </Text>
    );
  }
  return (
    <Stack
      gap="xs"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label="Seats freed in the last 30 days"
    >
      {reclaims.data.items.map((reclaim) => (
        <ReclaimItem
          key={reclaim.assignmentId}
          reclaim={reclaim}
          subscriptionId={subscriptionId}
          productName={productName}
        />
      ))}
    </Stack>
  );
}

function ReclaimItem({
  reclaim,
  subscriptionId,
  productName,
}: {
  reclaim: Reclaim;
  subscriptionId: string;
  productName: string;
}) {
  const queryClient = useQueryClient();
  const invalidateSeats = useInvalidateSeats();
  const undo = useMutation({
    mutationFn: () => undoReclaim(subscriptionId, reclaim.assignmentId),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: `${reclaim.user.name} holds a seat of ${productName} again.` });
      void queryClient.invalidateQueries({ queryKey: seatReclaimKeys.all });
      invalidateSeats();
    },
  });
  const state =
    reclaim.status === 'undone'
      ? 'Given back'
      : reclaim.canUndo
        ? `Can be undone until ${formatDate(reclaim.undoUntil)}`
        : reclaim.user.status === 'deactivated'
          ? 'The user is deactivated'
          : 'Too late to undo';
  return (
    <Paper withBorder p="sm" component="li">
      <Group justify="space-between" align="center" gap="sm">
        <Stack gap={2} miw={0}>
          <Text size="sm" fw={500}>
            {reclaim.user.name}{' '}
            <Text span size="xs" c="dimmed">
              {reclaim.user.email}
            </Text>
          </Text>
          <Text size="xs" c="dimmed">
            Freed {formatDate(reclaim.reclaimedAt)} after {reclaim.daysIdle} days without use · {state}
          </Text>
        </Stack>
        {reclaim.canUndo && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconArrowBackUp size={14} aria-hidden />}
            loading={undo.isPending}
            onClick={() => undo.mutate()}
            aria-label={`Undo: give ${reclaim.user.name} the seat back`}
          >
            Undo
          </Button>
        )}
      </Group>
      {undo.isError && <ProblemAlert error={undo.error} mt="sm" />}
    </Paper>
  );
}
