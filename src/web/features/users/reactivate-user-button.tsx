import { Button, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReleasedSeat, User } from '../../../contract/users';
import { ProblemAlert } from '../../lib/problem-alert';
import { problemMessage } from '../../lib/problem-message';
import { useInvalidateSeats } from '../subscriptions/use-invalidate-seats';
import { reactivationMessage } from './restored-seats-message';
import { useApplyUserChange } from './use-apply-user-change';
import { useReleasedSeats } from './use-released-seats';
import { reactivateUser } from './users.api';

function seatState(seat: ReleasedSeat): string {
  if (seat.expired) return 'subscription ended: cannot come back';
  if (seat.seatsAvailable === 0) return 'no seat free now';
  return `${seat.seatsAvailable} ${seat.seatsAvailable === 1 ? 'seat' : 'seats'} free`;
}

/**
 * Reactivates a user. When their deactivation freed seats, it asks first whether to give them back (checked
 * when at least one can come back) and then says which came back and which did not.
 */
export function ReactivateUserButton({ user }: { user: User }) {
  const applyUserChange = useApplyUserChange();
  const invalidateSeats = useInvalidateSeats();
  const released = useReleasedSeats(user.id, { enabled: user.status === 'deactivated' });
  const seats = released.data ?? [];
  const restorable = seats.some((seat) => !seat.expired && seat.seatsAvailable > 0);
  const [asking, setAsking] = useState(false);
  const [restoreSeats, setRestoreSeats] = useState(true);

  const mutation = useMutation({
    mutationFn: (restore: boolean) => reactivateUser(user.id, restore),
    onSuccess: (updated) => {
      applyUserChange(updated);
      invalidateSeats();
      setAsking(false);
      const missed = updated.seatsNotRestored.length > 0;
      notifications.show({
        color: missed ? 'orange' : 'teal',
        title: missed ? 'Reactivated; some seats did not come back' : undefined,
        message: reactivationMessage(updated),
        autoClose: missed ? false : undefined,
      });
    },
    onError: (error) => {
      if (!asking) notifications.show({ color: 'red', title: 'Not reactivated', message: problemMessage(error) });
    },
  });

  const click = () => {
    if (seats.length > 0) {
      setRestoreSeats(restorable);
      setAsking(true);
    } else mutation.mutate(false);
  };

  return (
    <>
      <Button
        leftSection={<IconUserCheck size={16} aria-hidden />}
        loading={mutation.isPending || released.isLoading}
        onClick={click}
      >
        Reactivate
      </Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title={`Reactivate ${user.name}`} size="lg">
        <Stack gap="md">
          <Text size="sm">{user.name} will be able to sign in again.</Text>
          {mutation.isError && <ProblemAlert error={mutation.error} />}
          <Checkbox
            label="Give back the seats their deactivation freed"
            description="A seat that is no longer free, or whose subscription has ended, stays as it is; the others come back."
            checked={restoreSeats}
            onChange={(event) => setRestoreSeats(event.currentTarget.checked)}
            data-autofocus
          />
          <List size="sm" spacing={4} aria-label="Seats freed at deactivation">
            {seats.map((seat) => (
              <List.Item key={seat.subscriptionId}>
                {seat.product.name}{' '}
                <Text span size="sm" c="dimmed">
                  ({seatState(seat)})
                </Text>
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(false)}>
              Cancel
            </Button>
            <Button loading={mutation.isPending} onClick={() => mutation.mutate(restoreSeats)}>
              Reactivate
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
