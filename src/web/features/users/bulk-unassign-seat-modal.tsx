import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ProblemAlert } from '../../lib/problem-alert';
import type { BulkModalProps } from './bulk-modal-props';
import { FormModal } from './form-modal';
import { useApplyBulkChange } from './use-apply-bulk-change';
import { userCountLabel } from './user-count-label';
import { unassignSeatInBulk } from './users.api';

/** Frees one subscription's seat from every selected user who holds one; offers only what they hold. */
export function BulkUnassignSeatModal({ users, onClose, onDone }: BulkModalProps) {
  const [subscriptionId, setSubscriptionId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const applyBulkChange = useApplyBulkChange();
  const held = useMemo(() => {
    const bySubscription = new Map<string, { name: string; holders: number }>();
    for (const license of users.flatMap((user) => user.licenses)) {
      const entry = bySubscription.get(license.subscriptionId) ?? { name: license.product.name, holders: 0 };
      entry.holders += 1;
      bySubscription.set(license.subscriptionId, entry);
    }
    return [...bySubscription].sort(([, a], [, b]) => a.name.localeCompare(b.name));
  }, [users]);

  const mutation = useMutation({
    mutationFn: (id: string) => unassignSeatInBulk({ subscriptionId: id, userIds: users.map((user) => user.id) }),
    onSuccess: (result) => {
      applyBulkChange();
      notifications.show({
        color: 'teal',
        message: `Freed ${result.unassigned.length} ${result.unassigned.length === 1 ? 'seat' : 'seats'} of ${result.product.name}; their app sessions of it ended.`,
      });
      onDone();
    },
  });

  const submit = () => {
    setMissing(!subscriptionId);
    if (subscriptionId) mutation.mutate(subscriptionId);
  };

  return (
    <FormModal
      title={`Unassign a seat from ${userCountLabel(users.length)}`}
      onClose={onClose}
      onSubmit={submit}
      submitLabel="Unassign seats"
      submitColor="red"
      submitting={mutation.isPending}
      submitDisabled={held.length === 0}
    >
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <Select
        label="Subscription"
        placeholder={held.length ? 'Choose a subscription' : 'None held'}
        description={
          held.length
            ? 'Each selected user who holds a seat of it loses it; their running app sessions of it end.'
            : 'None of the selected users holds a seat.'
        }
        data={held.map(([id, entry]) => ({
          value: id,
          label: `${entry.name} — held by ${entry.holders} selected`,
        }))}
        value={subscriptionId}
        onChange={(value) => {
          setSubscriptionId(value);
          setMissing(false);
          mutation.reset();
        }}
        disabled={held.length === 0}
        error={missing ? 'Choose a subscription' : undefined}
        data-autofocus
      />
    </FormModal>
  );
}
