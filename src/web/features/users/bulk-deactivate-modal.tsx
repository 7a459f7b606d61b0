import { Alert, Checkbox } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ProblemAlert } from '../../lib/problem-alert';
import { useSession } from '../auth/session-context';
import type { BulkModalProps } from './bulk-modal-props';
import { DeactivationReasonFields } from './deactivation-reason-fields';
import { FormModal } from './form-modal';
import { seatCountLabel } from './seat-release-checkbox';
import { useApplyBulkChange } from './use-apply-bulk-change';
import { useDeactivationReason } from './use-deactivation-reason';
import { userCountLabel } from './user-count-label';
import { deactivateInBulk } from './users.api';

/** One reason (and note) for every selected user; all are signed out at once, or nobody is (the last owner stays). */
export function BulkDeactivateModal({ users, onClose, onDone }: BulkModalProps) {
  const session = useSession();
  const applyBulkChange = useApplyBulkChange();
  const deactivation = useDeactivationReason();
  const [releaseSeats, setReleaseSeats] = useState(true);
  const active = users.filter((user) => user.status === 'active');
  const seats = active.flatMap((user) => user.licenses);
  const products = [...new Set(seats.map((seat) => seat.product.name))].sort();
  const includesSelf = active.some((user) => user.id === session.user.id);

  const mutation = useMutation({
    mutationFn: () =>
      deactivateInBulk({
        userIds: users.map((user) => user.id),
        ...deactivation.toRequest(),
        releaseSeats: seats.length > 0 ? releaseSeats : undefined,
      }),
    onSuccess: (result) => {
      applyBulkChange();
      const freed = result.seatsReleased > 0 ? ` ${seatCountLabel(result.seatsReleased)} freed.` : '';
      const skipped = result.alreadyDeactivated.length
        ? ` ${userCountLabel(result.alreadyDeactivated.length)} already deactivated.`
        : '';
      notifications.show({
        color: 'teal',
        message: `Deactivated ${userCountLabel(result.deactivated.length)} and signed them out everywhere.${freed}${skipped}`,
      });
      onDone();
    },
  });

  return (
    <FormModal
      title={`Deactivate ${userCountLabel(users.length)}`}
      onClose={onClose}
      onSubmit={() => deactivation.validate() && mutation.mutate()}
      submitLabel={`Deactivate ${userCountLabel(active.length)}`}
      submitColor="red"
      submitting={mutation.isPending}
    >
      <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title="Their sessions end now">
        {active.length === users.length
          ? 'Everyone selected'
          : `${userCountLabel(active.length)} of the ${users.length} selected (the others are deactivated already)`}{' '}
        will be signed out of the console and every app at once, and cannot sign in until an owner reactivates them.
        {includesSelf && ' Your own account is selected: you will be signed out immediately.'}
      </Alert>
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <DeactivationReasonFields
        state={deactivation}
        reasonLabel="Reason, for everyone selected"
        noteKeptWith="each account"
      >
        {seats.length > 0 && (
          <Checkbox
            label={`Also free their ${seatCountLabel(seats.length)} (${products.join(', ')})`}
            description="Freed seats can be given to someone else at once; reactivating a user offers theirs back."
            checked={releaseSeats}
            onChange={(event) => setReleaseSeats(event.currentTarget.checked)}
          />
        )}
      </DeactivationReasonFields>
    </FormModal>
  );
}
