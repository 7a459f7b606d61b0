import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import type { User } from '../../../contract/users';
import { ProblemAlert } from '../../lib/problem-alert';
import { AssignableUserSelect } from './assignable-user-select';
import { reassignSeat } from './subscriptions.api';
import { useAssignments } from './use-assignments';
import { useInvalidateSeats } from './use-invalidate-seats';

interface ReassignSeatButtonProps {
  subscriptionId: string;
  productName: string;
  /** The current holder, who gives the seat up. */
  user: { id: string; name: string };
}

/** Gives one holder's seat to another active user in one step: the seat is never free for anyone else between. */
export function ReassignSeatButton({ subscriptionId, productName, user }: ReassignSeatButtonProps) {
  const [opened, modal] = useDisclosure(false);
  const [target, setTarget] = useState<User | null>(null);
  const [missing, setMissing] = useState(false);
  const invalidateSeats = useInvalidateSeats();
  // Everyone who holds a seat of this subscription already (the holder too) is not offered.
  const assignments = useAssignments(subscriptionId, { enabled: opened });
  const holderIds = useMemo(
    () => new Set([user.id, ...(assignments.data ?? []).map((item) => item.user.id)]),
    [assignments.data, user.id],
  );

  const mutation = useMutation({
    mutationFn: (to: User) => reassignSeat(subscriptionId, user.id, to.id),
    onSuccess: (assignment) => {
      notifications.show({
        color: 'teal',
        message: `${assignment.user.name} now holds the ${productName} seat ${user.name} had.`,
      });
      close();
    },
    // A refused reassignment (the seat was freed meanwhile, the target left) may mean what we show is stale.
    onSettled: () => invalidateSeats(),
  });

  function close() {
    modal.close();
    setTarget(null);
    setMissing(false);
    mutation.reset();
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissing(!target);
    if (target) mutation.mutate(target);
  };

  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        leftSection={<IconArrowsExchange size={14} aria-hidden />}
        onClick={modal.open}
        aria-label={`Reassign ${user.name}’s ${productName} seat`}
      >
        Reassign…
      </Button>
      <Modal opened={opened} onClose={close} title={`Reassign ${user.name}’s seat`}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">
              {user.name} will no longer be able to use {productName}; if they are using it now, their session ends at
              once. The person you choose gets the seat immediately.
            </Text>
            <AssignableUserSelect
              label="Give the seat to"
              holderIds={holderIds}
              value={target}
              onChange={(next) => {
                setTarget(next);
                setMissing(false);
                mutation.reset();
              }}
              description="Active users who do not hold a seat of this subscription."
              error={missing ? 'Choose who gets the seat' : undefined}
            />
            {mutation.isError && <ProblemAlert error={mutation.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={mutation.isPending}
                leftSection={<IconArrowsExchange size={16} aria-hidden />}
              >
                Reassign
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
