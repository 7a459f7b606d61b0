import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Subscription } from '../../../contract/subscriptions';
import type { User } from '../../../contract/users';
import { ProblemAlert } from '../../lib/problem-alert';
import { AssignableUserSelect } from './assignable-user-select';
import { assignSeat } from './subscriptions.api';
import { useInvalidateSeats } from './use-invalidate-seats';

interface AssignSeatFormProps {
  subscription: Subscription;
  holderIds: ReadonlySet<string>;
}

/** Why no seat can be given right now, or null when one can. */
function blockedReason(subscription: Subscription): string | null {
  if (subscription.status === 'expired') return 'This subscription has expired: its seats cannot be assigned.';
  if (subscription.available <= 0) {
    return `All ${subscription.seats} seats are assigned. Unassign someone below to free a seat.`;
  }
  return null;
}

export function AssignSeatForm({ subscription, holderIds }: AssignSeatFormProps) {
  const [user, setUser] = useState<User | null>(null);
  const [missing, setMissing] = useState(false);
  const invalidateSeats = useInvalidateSeats();
  const blocked = blockedReason(subscription);

  const mutation = useMutation({
    mutationFn: (holder: User) => assignSeat(subscription.id, holder.id),
    onSuccess: (assignment) => {
      notifications.show({
        color: 'teal',
        message: `${assignment.user.name} now holds a seat of ${assignment.product.name}.`,
      });
      setUser(null);
      invalidateSeats();
    },
    // A 409 means the counts we show are stale (someone else took the last seat): show the server's reason and fresh counts.
    onError: () => invalidateSeats(),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissing(!user);
    if (user) mutation.mutate(user);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Assign a seat">
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <AssignableUserSelect
            holderIds={holderIds}
            value={user}
            onChange={(next) => {
              setUser(next);
              setMissing(false);
              mutation.reset();
            }}
            disabled={Boolean(blocked)}
            description={blocked ?? `${subscription.available} of ${subscription.seats} seats free.`}
            error={missing ? 'Choose who gets the seat' : undefined}
          />
          <Button
            type="submit"
            leftSection={<IconUserPlus size={16} aria-hidden />}
            disabled={Boolean(blocked)}
            loading={mutation.isPending}
          >
            Assign a seat
          </Button>
        </Group>
        {mutation.isError && <ProblemAlert error={mutation.error} maw={640} />}
      </Stack>
    </form>
  );
}
