import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Lease } from '../../../contract/leases';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError } from '../../lib/problem-message';
import { subscriptionsKeys } from '../subscriptions/subscriptions-query-keys';
import { forceReleaseLease, seatsInUseKeys } from './seats-in-use.api';

/** Where the lease runs, for people: "Studio workstation", else the device id, else "an unnamed device". */
export function deviceLabel(lease: Lease): string {
  return lease.device.name ?? lease.device.id ?? 'an unnamed device';
}

/** Frees one seat after the owner said why; the app on that device is told the reason at its next heartbeat. */
export function ReleaseLeaseButton({ lease, productName }: { lease: Lease; productName: string }) {
  const [opened, modal] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const queryClient = useQueryClient();
  const device = deviceLabel(lease);
  const mutation = useMutation({
    mutationFn: () => forceReleaseLease(lease.subscriptionId, lease.id, reason.trim()),
    onSuccess: () => done(`The seat of ${lease.user.name} on ${device} is free.`),
    onError: (error) => {
      // Its app stopped, or another owner released it first: the seat is free, as wanted.
      if (isApiError(error, 404, 'lease-not-found'))
        done(`The seat of ${lease.user.name} on ${device} was free already.`);
    },
  });

  function done(message: string) {
    notifications.show({ color: 'teal', message });
    close();
    void queryClient.invalidateQueries({ queryKey: seatsInUseKeys.leases(lease.subscriptionId) });
    void queryClient.invalidateQueries({ queryKey: subscriptionsKeys.all });
  }

  function close() {
    modal.close();
    setReason('');
    setMissing(false);
    mutation.reset();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    mutation.mutate();
  }

  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        leftSection={<IconPlugConnectedX size={14} aria-hidden />}
        onClick={modal.open}
        aria-label={`Release the seat of ${lease.user.name} on ${device}`}
      >
        Release
      </Button>
      <Modal opened={opened} onClose={close} title={`Release ${lease.user.name}’s seat?`}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">
              {lease.state === 'borrowed'
                ? `The seat ${lease.user.name} borrowed for offline use on ${device} becomes free at once. Their app learns it the next time it is online.`
                : `${productName} on ${device} loses its seat at once: the app is told at its next heartbeat, with your reason, and ${lease.user.name} must sign in again to take a seat.`}
            </Text>
            <Textarea
              label="Reason"
              description="Shown to the user in the app and kept in the audit log."
              required
              data-autofocus
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => {
                setReason(event.currentTarget.value);
                setMissing(false);
              }}
              error={missing ? 'Say why the seat is released' : undefined}
            />
            {mutation.isError && <ProblemAlert error={mutation.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={mutation.isPending}>
                Release seat
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
