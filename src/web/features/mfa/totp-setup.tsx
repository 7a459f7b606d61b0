import { Button, Code, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { TotpEnrolment } from '../../../contract/mfa';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError, problemMessage } from '../../lib/problem-message';
import { confirmTotp, startTotpEnrolment } from './mfa.api';

/** Groups the base32 secret by four for typing it by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Setting up an authenticator app: start (a new secret with its QR code), then the first code
 * confirms it. `onConfirmed` receives the recovery codes (empty when the user still holds some).
 */
export function TotpSetup({ onConfirmed, onCancel }: { onConfirmed: (codes: string[]) => void; onCancel: () => void }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const start = useMutation({ mutationFn: startTotpEnrolment, onSuccess: setEnrolment });
  const confirm = useMutation({
    mutationFn: () => confirmTotp(code.trim()),
    onSuccess: (answer) => onConfirmed(answer.recoveryCodes),
    onError: (error) => {
      if (isApiError(error, 400)) setCodeError(problemMessage(error));
    },
  });

  if (!enrolment) {
    return (
      <Stack gap="sm" align="flex-start">
        {start.isError && <ProblemAlert error={start.error} />}
        <Text size="sm">
          Use an app such as Google Authenticator, Microsoft Authenticator or 1Password: it shows a new six-digit code
          every 30 seconds.
        </Text>
        <Group gap="sm">
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            Show the QR code
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^[0-9]{6}$/.test(digits)) {
      setCodeError('Enter the six digits the app shows');
      return;
    }
    setCodeError(undefined);
    confirm.mutate();
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Set up an authenticator app">
      <Stack gap="sm">
        <Text size="sm">1. Scan this QR code with the app.</Text>
        <Image
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrCodeSvg)}`}
          alt="QR code to add Seatkeeper to your authenticator app"
          w={180}
          h={180}
          bg="white"
        />
        <Text size="sm">
          Cannot scan it? Enter this key in the app instead:{' '}
          <Code data-testid="totp-secret" aria-label="Setup key">
            {grouped(enrolment.secret)}
          </Code>
        </Text>
        <Text size="sm">2. Type the code the app shows.</Text>
        {confirm.isError && !isApiError(confirm.error, 400) && <ProblemAlert error={confirm.error} />}
        <TextInput
          label="Code"
          description="Six digits"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={16}
          w={200}
          value={code}
          error={codeError}
          onChange={(event) => setCode(event.currentTarget.value)}
          required
        />
        <Group gap="sm">
          <Button type="submit" loading={confirm.isPending}>
            Turn on
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
