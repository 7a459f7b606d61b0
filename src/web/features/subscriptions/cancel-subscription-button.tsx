import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlayerStop } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { Subscription } from '../../../contract/subscriptions';
import { formatDate } from '../../lib/format-date';
import { ProblemAlert } from '../../lib/problem-alert';
import { cancelSubscription } from './subscriptions.api';
import { useApplySubscriptionChange } from './use-apply-subscription-change';

/** Turns auto-renew off after the owner read until when access continues. */
export function CancelSubscriptionButton({ subscription }: { subscription: Subscription }) {
  const [opened, modal] = useDisclosure(false);
  const applyChange = useApplySubscriptionChange();
  const endDate = formatDate(subscription.expiresAt);
  const mutation = useMutation({
    mutationFn: () => cancelSubscription(subscription.id),
    onSuccess: (updated) => {
      applyChange(updated);
      close();
      notifications.show({
        color: 'teal',
        message: `${updated.product.name} will not renew. Access continues until ${formatDate(updated.expiresAt)}.`,
      });
    },
  });

  function close() {
    modal.close();
    mutation.reset();
  }

  return (
    <>
      <Button variant="default" color="red" leftSection={<IconPlayerStop size={16} aria-hidden />} onClick={modal.open}>
        Cancel at period end
      </Button>
      <Modal opened={opened} onClose={close} title={`Cancel ${subscription.product.name}?`}>
        <Stack gap="md">
          <Text size="sm">
            The subscription will not renew. Access continues until <strong>{endDate}</strong>
            {subscription.assigned > 0 &&
              `: the ${subscription.assigned === 1 ? 'person' : `${subscription.assigned} people`} holding a seat can use ${subscription.product.name} until then`}
            .
          </Text>
          <Text size="sm" c="dimmed">
            You can resume the subscription any time before that date.
          </Text>
          {mutation.isError && <ProblemAlert error={mutation.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep renewing
            </Button>
            <Button color="red" loading={mutation.isPending} onClick={() => mutation.mutate()}>
              Cancel at period end
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
