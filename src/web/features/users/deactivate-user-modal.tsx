import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { User } from '../../../contract/users';
import { ProblemAlert } from '../../lib/problem-alert';
import { useSession } from '../auth/session-context';
import { useUserLicenses } from '../licenses/use-user-licenses';
import { useInvalidateSeats } from '../subscriptions/use-invalidate-seats';
import { DeactivationReasonFields } from './deactivation-reason-fields';
import { FormModal } from './form-modal';
import { SeatReleaseCheckbox, seatCountLabel } from './seat-release-checkbox';
import { useApplyUserChange } from './use-apply-user-change';
import { useDeactivationReason } from './use-deactivation-reason';
import { deactivateUser } from './users.api';

interface DeactivateUserModalProps {
  /** Only who it is: the modal is also opened from report rows, which carry no full user. */
  user: Pick<User, 'id' | 'name'>;
  opened: boolean;
  onClose: () => void;
}

export function DeactivateUserModal({ user, opened, onClose }: DeactivateUserModalProps) {
  const session = useSession();
  const applyUserChange = useApplyUserChange();
  const deactivation = useDeactivationReason();
  const [releaseSeats, setReleaseSeats] = useState(true);
  const isSelf = session.user.id === user.id;
  const licenses = useUserLicenses(user.id, { enabled: opened });
  const invalidateSeats = useInvalidateSeats();
  const seats = licenses.data ?? [];

  const close = () => {
    onClose();
    deactivation.reset();
    setReleaseSeats(true);
    mutation.reset();
  };

  const mutation = useMutation({
    mutationFn: () =>
      deactivateUser(user.id, {
        ...deactivation.toRequest(),
        // Only asked when they hold seats; otherwise the server's default stands.
        releaseSeats: seats.length > 0 ? releaseSeats : undefined,
      }),
    onSuccess: (updated) => {
      applyUserChange(updated);
      invalidateSeats();
      const freed = seats.length > 0 && releaseSeats ? ` ${seatCountLabel(seats.length)} freed.` : '';
      notifications.show({
        color: 'teal',
        message: `${updated.name} was deactivated and signed out everywhere.${freed}`,
      });
      close();
    },
  });

  return (
    <FormModal
      title={`Deactivate ${user.name}`}
      opened={opened}
      onClose={close}
      onSubmit={() => deactivation.validate() && mutation.mutate()}
      submitLabel="Deactivate and sign out"
      submitColor="red"
      submitting={mutation.isPending}
      submitDisabled={licenses.isPending}
    >
      <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title="Their sessions end now">
        {user.name} will be signed out of the console and every app at once and cannot sign in again until an owner
        reactivates the account.
        {isSelf && ' This is your own account: you will be signed out immediately.'}
      </Alert>
      {mutation.isError && <ProblemAlert error={mutation.error} />}
      <DeactivationReasonFields state={deactivation} reasonLabel="Reason" noteKeptWith="the account">
        <SeatReleaseCheckbox
          loading={licenses.isPending}
          failed={licenses.isError}
          productNames={seats.map((license) => license.product.name)}
          checked={releaseSeats}
          onChange={setReleaseSeats}
        />
      </DeactivationReasonFields>
    </FormModal>
  );
}
