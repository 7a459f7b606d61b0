import { Alert, Button, Group, Modal, Radio, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { DeactivationReason, User } from '../../../contract/users';
import { ProblemAlert } from '../../lib/problem-alert';
import { useSession } from '../auth/session-context';
import { useUserLicenses } from '../licenses/use-user-licenses';
import { useInvalidateSeats } from '../subscriptions/use-invalidate-seats';
import { deactivationReasons } from './deactivation-reasons';
import { SeatReleaseCheckbox, seatCountLabel } from './seat-release-checkbox';
import { useApplyUserChange } from './use-apply-user-change';
import { deactivateUser } from './users.api';

const NOTE_MAX_LENGTH = 2000;

interface DeactivateUserModalProps {
  /** Only who it is: the modal is also opened from report rows, which carry no full user. */
  user: Pick<User, 'id' | 'name'>;
  opened: boolean;
  onClose: () => void;
}

export function DeactivateUserModal({ user, opened, onClose }: DeactivateUserModalProps) {
  const session = useSession();
  const applyUserChange = useApplyUserChange();
  const [reason, setReason] = useState<DeactivationReason | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; note?: string }>({});
  const [releaseSeats, setReleaseSeats] = useState(true);
  const isSelf = session.user.id === user.id;
  const licenses = useUserLicenses(user.id, { enabled: opened });
  const invalidateSeats = useInvalidateSeats();
  const seats = licenses.data ?? [];

  const close = () => {
    onClose();
    setReason(null);
    setNote('');
    setErrors({});
    setReleaseSeats(true);
    mutation.reset();
  };

  const mutation = useMutation({
    mutationFn: () =>
      deactivateUser(user.id, {
        reason: reason!,
        note: note.trim() || undefined,
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

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = {
      reason: reason ? undefined : 'Choose a reason',
      note: reason === 'other' && !note.trim() ? 'Say why — a note is required for “Other”' : undefined,
    };
    setErrors(problems);
    if (!problems.reason && !problems.note) mutation.mutate();
  };

  return (
    <Modal opened={opened} onClose={close} title={`Deactivate ${user.name}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title="Their sessions end now">
            {user.name} will be signed out of the console and every app at once and cannot sign in again until an owner
            reactivates the account.
            {isSelf && ' This is your own account: you will be signed out immediately.'}
          </Alert>
          {mutation.isError && <ProblemAlert error={mutation.error} />}
          <Radio.Group
            label="Reason"
            required
            value={reason}
            onChange={(value) => setReason(value as DeactivationReason)}
            error={errors.reason}
          >
            <Stack gap="xs" mt="xs">
              {deactivationReasons.map((item) => (
                <Radio key={item.value} value={item.value} label={item.label} />
              ))}
            </Stack>
          </Radio.Group>
          <SeatReleaseCheckbox
            loading={licenses.isPending}
            failed={licenses.isError}
            productNames={seats.map((license) => license.product.name)}
            checked={releaseSeats}
            onChange={setReleaseSeats}
          />
          <Textarea
            label="Note"
            description={
              reason === 'other' ? 'Required for “Other”.' : 'Optional. Kept with the account for other owners.'
            }
            required={reason === 'other'}
            value={note}
            error={errors.note}
            maxLength={NOTE_MAX_LENGTH}
            autosize
            minRows={2}
            maxRows={6}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={mutation.isPending} disabled={licenses.isPending}>
              Deactivate and sign out
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
