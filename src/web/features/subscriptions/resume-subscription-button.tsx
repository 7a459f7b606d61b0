import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { Subscription } from '../../../contract/subscriptions';
import { formatDate } from '../../lib/format-date';
import { problemMessage } from '../../lib/problem-message';
import { resumeSubscription } from './subscriptions.api';
import { useApplySubscriptionChange } from './use-apply-subscription-change';

/** Turns auto-renew back on; harmless, so it asks nothing. */
export function ResumeSubscriptionButton({ subscription }: { subscription: Subscription }) {
  const applyChange = useApplySubscriptionChange();
  const mutation = useMutation({
    mutationFn: () => resumeSubscription(subscription.id),
    onSuccess: (updated) => {
      applyChange(updated);
      notifications.show({
        color: 'teal',
        message: `${updated.product.name} renews again on ${formatDate(updated.expiresAt)}.`,
      });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not resumed', message: problemMessage(error) }),
  });
  return (
    <Button
      variant="light"
      leftSection={<IconRefresh size={16} aria-hidden />}
      loading={mutation.isPending}
      onClick={() => mutation.mutate()}
      aria-label={`Resume ${subscription.product.name}`}
    >
      Resume
    </Button>
  );
}
