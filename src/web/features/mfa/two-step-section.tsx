import { Badge, Button, Group, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceMobile, IconKey, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { ProblemAlert } from '../../lib/problem-alert';
import { useSession } from '../auth/session-context';
import { meQueryKey } from '../auth/use-me';
import { getMfaStatus, mfaQueryKey, removeTotp, renewRecoveryCodes } from './mfa.api';
import { AddPasskeyForm, PasskeyList } from './passkeys-panel';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import { TotpSetup } from './totp-setup';

type Step = 'idle' | 'totp' | 'passkey';

/**
 * Account → Two-step verification: the authenticator app, passkeys and recovery codes
 * (id="two-step": sign-in links here when the organization requires a second factor).
 */
export function TwoStepSection() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: mfaQueryKey, queryFn: ({ signal }) => getMfaStatus(signal) });
  const [step, setStep] = useState<Step>('idle');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [confirmRemoveTotp, setConfirmRemoveTotp] = useState(false);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: mfaQueryKey });
    // The session may have been enrolment-only: GET /me tells the console it no longer is.
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  };
  const renew = useMutation({
    mutationFn: renewRecoveryCodes,
    onSuccess: (answer) => {
      setCodes(answer.recoveryCodes);
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: removeTotp,
    onSuccess: () => {
      setConfirmRemoveTotp(false);
      refresh();
      notifications.show({ color: 'teal', message: 'Authenticator app removed' });
    },
  });

  const data = status.data;
  const enrolled = Boolean(data && (data.totp.enabled || data.passkeys.length > 0));

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="two-step-heading" id="two-step">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={2} size="h4" id="two-step-heading">
            Two-step verification
          </Title>
          {data && (
            <Badge variant="light" color={enrolled ? 'teal' : 'gray'}>
              {enrolled ? 'On' : 'Off'}
            </Badge>
          )}
        </Group>
        {status.isPending && <Loader size="sm" aria-label="Loading two-step verification" />}
        {status.isError && <ProblemAlert error={status.error} />}
        {data && (
          <>
            <Text size="sm" c="dimmed">
              After your password, Seatkeeper asks for a code from an authenticator app or a passkey, so a stolen
              password alone cannot open your account.
            </Text>
            {codes && codes.length > 0 && (
              <RecoveryCodesPanel codes={codes} email={user.email} onDone={() => setCodes(null)} />
            )}

            <Stack gap="xs">
              <Title order={3} size="h5">
                Authenticator app
              </Title>
              {data.totp.enabled ? (
                <Group justify="space-between">
                  <Text size="sm">
                    On since {data.totp.confirmedAt ? formatDateTimeWithZone(data.totp.confirmedAt) : '—'}
                  </Text>
                  <Button variant="outline" color="red" size="xs" onClick={() => setConfirmRemoveTotp(true)}>
                    Remove authenticator app
                  </Button>
                </Group>
              ) : step === 'totp' ? (
                <TotpSetup
                  onCancel={() => setStep('idle')}
                  onConfirmed={(recoveryCodes) => {
                    setStep('idle');
                    // Empty when the user still holds codes: those (maybe still on screen) stay valid.
                    if (recoveryCodes.length > 0) setCodes(recoveryCodes);
                    refresh();
                    notifications.show({ color: 'teal', message: 'Authenticator app turned on' });
                  }}
                />
              ) : (
                <Button
                  variant="default"
                  leftSection={<IconDeviceMobile size={16} aria-hidden />}
                  onClick={() => setStep('totp')}
                  style={{ alignSelf: 'flex-start' }}
                >
                  Set up an authenticator app
                </Button>
              )}
            </Stack>

            <Stack gap="xs">
              <Title order={3} size="h5">
                Passkeys
              </Title>
              <PasskeyList passkeys={data.passkeys} onChanged={refresh} />
              {step === 'passkey' ? (
                <AddPasskeyForm
                  onCancel={() => setStep('idle')}
                  onAdded={() => {
                    setStep('idle');
                    refresh();
                    notifications.show({ color: 'teal', message: 'Passkey added' });
                    // A first factor that is a passkey: recovery codes come with it, as with an app.
                    if (data.recoveryCodesLeft === 0) renew.mutate();
                  }}
                />
              ) : (
                <Button
                  variant="default"
                  leftSection={<IconKey size={16} aria-hidden />}
                  onClick={() => setStep('passkey')}
                  style={{ alignSelf: 'flex-start' }}
                >
                  Add a passkey
                </Button>
              )}
            </Stack>

            {enrolled && (
              <Stack gap="xs">
                <Title order={3} size="h5">
                  Recovery codes
                </Title>
                {renew.isError && <ProblemAlert error={renew.error} />}
                <Group justify="space-between">
                  <Text size="sm">
                    {data.recoveryCodesLeft === 1
                      ? '1 unused code left'
                      : `${data.recoveryCodesLeft} unused codes left`}
                  </Text>
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconRefresh size={16} aria-hidden />}
                    onClick={() => renew.mutate()}
                    loading={renew.isPending}
                  >
                    New recovery codes
                  </Button>
                </Group>
              </Stack>
            )}
          </>
        )}
      </Stack>
      <Modal
        opened={confirmRemoveTotp}
        onClose={() => setConfirmRemoveTotp(false)}
        title="Remove the authenticator app?"
      >
        <Stack gap="sm">
          {remove.isError && <ProblemAlert error={remove.error} />}
          <Text size="sm">
            Sign-in will no longer ask for its codes. If it is your last second factor, your recovery codes stop working
            too.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirmRemoveTotp(false)} data-autofocus>
              Cancel
            </Button>
            <Button color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              Remove authenticator app
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
