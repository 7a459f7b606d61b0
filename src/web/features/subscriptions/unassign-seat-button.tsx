import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconUserMinus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError } from '../../lib/problem-message';
import { unassignSeat } from './subscriptions.api';
import { useInvalidateSeats } from './use-invalidate-seats';

interface UnassignSeatButtonProps {
  subscriptionId: string;
  productName: string;
  user: { id: string; name: string };
}

/** Frees one holder's seat after the owner confirmed; the holder's running sessions of that app end. */
export function UnassignSeatButton({ subscriptionId, productName, user }: UnassignSeatButtonProps) {
  const [opened, modal] = useDisclosure(false);
  const invalidateSeats = useInvalidateSeats();
  const mutation = useMutation({
    mutationFn: () => unassignSeat(subscriptionId, user.id),
    onSuccess: () => done(`${user.name} no longer holds a seat of ${productName}.`),
    onError: (error) => {
      // Someone else freed it first: the outcome the owner wanted.
      if (isApiError(error, 404, 'not-assigned')) done(`${user.name} did not hold a seat of ${productName} any more.`);
    },
  });

  function done(message: string) {
    notifications.show({ color: 'teal', message });
    modal.close();
    mutation.reset();
    invalidateSeats();
  }

  function close() {
    modal.close();
    mutation.reset();
  }

  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        leftSection={<IconUserMinus size={14} aria-hidden />}
        onClick={modal.open}
        aria-label={`Unassign ${user.name} from ${productName}`}
      >
        Unassign
      </Button>
      <Modal opened={opened} onClose={close} title={`Unassign ${user.name}?`}>
        <Stack gap="md">
          <Text size="sm">
            {user.name} will no longer be able to use {productName}; if they are using it now, their session ends at
            once. The seat becomes free for someone else.
          </Text>
          {mutation.isError && <ProblemAlert error={mutation.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate()}>
              Unassign
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
