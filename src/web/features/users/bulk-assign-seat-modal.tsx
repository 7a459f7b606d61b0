import { Alert, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ProblemAlert } from '../../lib/problem-alert';
import { subscriptionOptionLabel } from '../licenses/assignable-subscriptions';
import { useSubscriptions } from '../subscriptions/use-subscriptions';
import type { BulkModalProps } from './bulk-modal-props';
import { FormModal } from './form-modal';
import { useApplyBulkChange } from './use-apply-bulk-change';
import { userCountLabel } from './user-count-label';
import { assignSeatInBulk } from './users.api';

/** One subscription's seat for every selected user, all or nothing; holders are skipped. */
export function BulkAssignSeatModal({ users, onClose, onDone }: BulkModalProps) {
  const subscriptions = useSubscriptions();
  const [subscriptionId, setSubscriptionId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const applyBulkChange = useApplyBulkChange();
  const running = useMemo(
    () =>
      (subscriptions.data ?? [])
        .filter((item) => item.status !== 'expired')
        .sort((a, b) => a.product.name.localeCompare(b.product.name)),
    [subscriptions.data],
  );
  const chosen = running.find((item) => item.id === subscriptionId);
  const holders = chosen
    ? users.filter((user) => user.licenses.some((license) => license.subscriptionId === chosen.id))
    : [];
  const needing = users.length - holders.length;
  const deactivated = chosen ? users.filter((user) => user.status === 'deactivated' && !holders.includes(user)) : [];

  const mutation = useMutation({
    mutationFn: (id: string) => assignSeatInBulk({ subscriptionId: id, userIds: users.map((user) => user.id) }),
    onSuccess: (result) => {
      applyBulkChange();
      const skipped = result.alreadyHeld.length
        ? ` ${userCountLabel(result.alreadyHeld.length)} already held one.`
        : '';
      notifications.show({
        color: 'teal',
        message: `Gave ${userCountLabel(result.assigned.length)} a seat of ${result.product.name}.${skipped}`,
      });
      onDone();
    },
    // A 409 (seats gone meanwhile): the counts shown next time are fresh.
    onError: () => applyBulkChange(),
  });

  const submit = () => {
    setMissing(!subscriptionId);
    if (subscriptionId) mutation.mutate(subscriptionId);
  };

  return (
    <FormModal
      title={`Assign a seat to ${userCountLabel(users.length)}`}
      onClose={onClose}
      onSubmit={submit}
      submitLabel="Assign seats"
      submitting={mutation.isPending}
      submitDisabled={!subscriptions.isSuccess}
    >
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <Select
        label="Subscription"
        placeholder={subscriptions.isPending ? 'Loading…' : 'Choose a subscription'}
        description="Everyone selected gets a seat, or nobody does: users who hold one already are left as they are."
        data={running.map((item) => ({ value: item.id, label: subscriptionOptionLabel(item) }))}
        value={subscriptionId}
        onChange={(value) => {
          setSubscriptionId(value);
          setMissing(false);
          mutation.reset();
        }}
        error={subscriptions.isError ? 'Could not load subscriptions' : missing ? 'Choose a subscription' : undefined}
        data-autofocus
      />
      {chosen && (
        <Text size="sm">
          {needing === 0
            ? 'Every selected user holds a seat of it already.'
            : `Seats needed: ${needing}. Free: ${chosen.available} of ${chosen.seats}.`}
          {holders.length > 0 && needing > 0 && ` Already holding one: ${holders.length}.`}
        </Text>
      )}
      {chosen && needing > chosen.available && (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title="Not enough free seats">
          Nobody would get a seat: select at most {chosen.available} users who need one, or free seats first.
        </Alert>
      )}
      {deactivated.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title="Deactivated users selected">
          {deactivated.map((user) => user.name).join(', ')} cannot receive a seat while deactivated: leave them out of
          the selection or reactivate them first.
        </Alert>
      )}
    </FormModal>
  );
}
