import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { startAuthentication } from '@simplewebauthn/browser';
import { IconShieldLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { LoginResponse, LoginVerifyBody, SecondStepRequired } from '../../../contract/auth';
import type { PasskeyAnswer } from '../../../contract/mfa';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError } from '../../lib/problem-message';
import { riskLabels } from '../activity/risk-badges';
import { verifySignIn } from './auth.api';

interface SecondStepFormProps {
  step: SecondStepRequired;
  onSignedIn: (answer: LoginResponse) => void;
  /** Back to the password (the step expired or the person chose to). */
  onRestart: () => void;
}

/** Why the step is asked, in a sentence the person can act on. */
function stepIntro(step: SecondStepRequired): string {
  if (step.reason === 'risk') {
    const flags = step.riskFlags.map((flag) => (riskLabels[flag] ?? flag).toLowerCase()).join(', ');
    return `This sign-in looks unusual (${flags}). Confirm it is you with your second step.`;
  }
  if (step.reason === 'required') return 'Your organization requires two-step verification.';
  return 'Your account is protected by two-step verification.';
}

/** The second step of a sign-in: a code from the authenticator app or a recovery code, or a passkey. */
export function SecondStepForm({ step, onSignedIn, onRestart }: SecondStepFormProps) {
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (body: LoginVerifyBody) => verifySignIn(body),
    onSuccess: onSignedIn,
    onError: (error) => {
      setCode('');
      if (isApiError(error, 401, 'sign-in-challenge-invalid')) onRestart();
    },
  });
  const passkey = useMutation({
    mutationFn: async () => {
      if (!step.passkeyOptions) throw new Error('No passkey is registered for this account.');
      const answer = await startAuthentication({ optionsJSON: step.passkeyOptions as never });
      // The browser package's type and the contract's schema describe the same JSON.
      return answer as unknown as PasskeyAnswer;
    },
    onSuccess: (answer) => mutation.mutate({ challenge: step.challenge, passkey: answer }),
  });
  const usesCodes = step.methods.includes('totp') || step.methods.includes('recovery_code');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!code.trim()) {
      setMissing('Enter the code from your authenticator app, or a recovery code');
      return;
    }
    setMissing(undefined);
    mutation.mutate({ challenge: step.challenge, code: code.trim() });
  };

  const error = mutation.error ?? passkey.error;
  return (
    <form onSubmit={submit} noValidate aria-describedby={error ? 'second-step-error' : 'second-step-intro'}>
      <Stack gap="md">
        <Alert
          id="second-step-intro"
          color={step.reason === 'risk' ? 'yellow' : 'blue'}
          icon={<IconShieldLock aria-hidden />}
          title="Two-step verification"
        >
          {stepIntro(step)}
        </Alert>
        {error && <ProblemAlert id="second-step-error" error={error} />}
        {step.methods.includes('passkey') && (
          <Button variant={usesCodes ? 'light' : 'filled'} onClick={() => passkey.mutate()} loading={passkey.isPending}>
            Use a passkey
          </Button>
        )}
        {usesCodes && (
          <>
            <TextInput
              label="Code"
              description={
                step.methods.includes('recovery_code')
                  ? 'Six digits from your authenticator app, or one of your recovery codes.'
                  : 'Six digits from your authenticator app.'
              }
              autoComplete="one-time-code"
              inputMode={code.includes('-') ? 'text' : 'numeric'}
              autoFocus={!step.methods.includes('passkey')}
              required
              value={code}
              error={missing}
              onChange={(event) => setCode(event.currentTarget.value)}
            />
            <Button type="submit" loading={mutation.isPending && !passkey.isSuccess} fullWidth>
              Verify
            </Button>
          </>
        )}
        {!usesCodes && !step.methods.includes('passkey') && (
          <Text size="sm">No second factor can answer this step. Ask an owner of your organization to reset it.</Text>
        )}
        <Group justify="center">
          <Anchor component="button" type="button" size="sm" onClick={onRestart}>
            Sign in as someone else
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
