import { Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { License } from '../../../contract/licenses';
import { ProblemAlert } from '../../lib/problem-alert';
import { assignSeat } from '../subscriptions/subscriptions.api';
import { useInvalidateSeats } from '../subscriptions/use-invalidate-seats';
import { useSubscriptions } from '../subscriptions/use-subscriptions';
import { assignableSubscriptions, subscriptionOptionLabel } from './assignable-subscriptions';

interface AssignSubscriptionFormProps {
  user: { id: string; name: string };
  held: License[];
}

/** Gives the user a seat of a subscription that has one free and that they do not hold yet. */
export function AssignSubscriptionForm({ user, held }: AssignSubscriptionFormProps) {
  const subscriptions = useSubscriptions();
  const [subscriptionId, setSubscriptionId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const invalidateSeats = useInvalidateSeats();
  const options = useMemo(() => assignableSubscriptions(subscriptions.data ?? [], held), [subscriptions.data, held]);
  const data = useMemo(
    () => options.map((item) => ({ value: item.id, label: subscriptionOptionLabel(item) })),
    [options],
  );

  const mutation = useMutation({
    mutationFn: (id: string) => assignSeat(id, user.id),
    onSuccess: (assignment) => {
      notifications.show({ color: 'teal', message: `${user.name} now holds a seat of ${assignment.product.name}.` });
      setSubscriptionId(null);
      invalidateSeats();
    },
    // A 409 (the last seat went elsewhere, the subscription expired): show why, with fresh counts.
    onError: () => invalidateSeats(),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissing(!subscriptionId);
    if (subscriptionId) mutation.mutate(subscriptionId);
  };

  const none = subscriptions.isSuccess && options.length === 0;
  return (
    <form onSubmit={submit} noValidate aria-label="Assign a seat">
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <Select
            label="Subscription"
            placeholder={subscriptions.isPending ? 'Loading…' : 'Choose a subscription'}
            description={
              none
                ? `No subscription has a free seat that ${user.name} does not already hold.`
                : 'Only subscriptions with a free seat are offered.'
            }
            data={data}
            value={subscriptionId}
            onChange={(value) => {
              setSubscriptionId(value);
              setMissing(false);
              mutation.reset();
            }}
            disabled={!subscriptions.isSuccess || none}
            error={
              subscriptions.isError ? 'Could not load subscriptions' : missing ? 'Choose a subscription' : undefined
            }
            w={{ base: '100%', xs: 440 }}
          />
          <Button
            type="submit"
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={!subscriptions.isSuccess || none}
            loading={mutation.isPending}
          >
            Assign a seat
          </Button>
        </Group>
        {none && (
          <Text size="sm" c="dimmed">
            Free a seat or see every subscription on the{' '}
            <Anchor component={Link} to="/billing" size="sm">
              Billing
            </Anchor>{' '}
            page.
          </Text>
        )}
        {mutation.isError && <ProblemAlert error={mutation.error} maw={640} />}
      </Stack>
    </form>
  );
}
