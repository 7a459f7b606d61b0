import { EmptyState, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArmchair } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { Subscription } from '../../../contract/subscriptions';
import { PageError } from '../../lib/page-error';
import { AssignSeatForm } from './assign-seat-form';
import { AssignmentsTable } from './assignments-table';
import { useAssignments } from './use-assignments';

/** Who holds the subscription's seats, and the controls to give and take them. */
export function SubscriptionHolders({ subscription }: { subscription: Subscription }) {
  const assignments = useAssignments(subscription.id);
  const sorted = useMemo(
    () => [...(assignments.data ?? [])].sort((a, b) => a.user.name.localeCompare(b.user.name)),
    [assignments.data],
  );
  const holderIds = useMemo(() => new Set(sorted.map((item) => item.user.id)), [sorted]);

  return (
    <Stack gap="md" component="section" aria-labelledby="holders-heading">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3" id="holders-heading">
          Seat holders
        </Title>
        {assignments.isSuccess && (
          <Text size="sm" c="dimmed">
            {sorted.length} {sorted.length === 1 ? 'person' : 'people'}
          </Text>
        )}
      </Group>
      <Paper withBorder p="md">
        <AssignSeatForm subscription={subscription} holderIds={holderIds} />
      </Paper>
      {assignments.isPending ? (
        <Skeleton height={160} />
      ) : assignments.isError ? (
        <PageError
          error={assignments.error}
          title="Could not load seat holders"
          onRetry={() => assignments.refetch()}
        />
      ) : sorted.length === 0 ? (
        <EmptyState
          icon={<IconArmchair aria-hidden />}
          title="No one holds a seat yet"
          description={`Assign a seat so someone can use ${subscription.product.name}.`}
          py="lg"
        />
      ) : (
        <AssignmentsTable assignments={sorted} productName={subscription.product.name} />
      )}
    </Stack>
  );
}
