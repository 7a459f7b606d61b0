import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { LoginResponse, SecondStepRequired } from '../../../contract/auth';
import { ProblemAlert } from '../../lib/problem-alert';
import { signIn } from './auth.api';
import { SecondStepForm } from './second-step-form';

interface LoginFormProps {
  onSignedIn: (answer: LoginResponse) => void;
}

export function LoginForm({ onSignedIn }: LoginFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const [step, setStep] = useState<SecondStepRequired | null>(null);
  const mutation = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    onSuccess: (answer) => {
      setPassword('');
      if ('mfaRequired' in answer) setStep(answer);
      else onSignedIn(answer);
    },
    onError: () => setPassword(''),
  });

  if (step) {
    return (
      <SecondStepForm
        step={step}
        onSignedIn={onSignedIn}
        onRestart={() => {
          setStep(null);
          mutation.reset();
        }}
      />
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = {
      email: email.trim() ? undefined : 'Enter your email address',
      password: password ? undefined : 'Enter your password',
    };
    setMissing(next);
    if (!next.email && !next.password) mutation.mutate();
  };

  return (
    <form onSubmit={submit} noValidate aria-describedby={mutation.isError ? 'login-error' : undefined}>
      <Stack gap="md">
        {mutation.isError && <ProblemAlert id="login-error" error={mutation.error} />}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          error={missing.email}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          error={missing.password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Button type="submit" loading={mutation.isPending} fullWidth>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
