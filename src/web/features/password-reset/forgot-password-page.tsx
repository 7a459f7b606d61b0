import { Anchor, Button, Code, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { PASSWORD_RESET_LINK_MINUTES } from '../../../contract/password-reset';
import { usePageTitle } from '../../lib/page-title';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError, problemMessage } from '../../lib/problem-message';
import { AuthCard } from '../auth/auth-card';
import { requestPasswordReset } from './password-reset.api';

/** "Forgot password?" (/forgot-password): asks for a reset link by e-mail. The answer never says whether the account exists. */
export function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const request = useMutation({
    mutationFn: () => requestPasswordReset(email.trim()),
    onError: (error) => {
      if (isApiError(error, 400)) setFieldError(problemMessage(error));
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = email.trim() === '' ? 'Enter your email address' : undefined;
    setFieldError(problem);
    if (!problem) request.mutate();
  };

  if (request.isSuccess) {
    return (
      <AuthCard title={request.data.emailConfigured ? 'Check your email' : 'This server cannot send e-mail'}>
        <Stack gap="md">
          <Text size="sm" role="status">
            {request.data.emailConfigured ? (
              <>
                If an account exists for that address, we've sent a link. It works for {PASSWORD_RESET_LINK_MINUTES}{' '}
                minutes.
              </>
            ) : (
              <>
                This server cannot send e-mail. Ask an owner of your organization or the operator, who can issue a link
                with <Code>npx seatkeeper password-link --email {email.trim()}</Code>.
              </>
            )}
          </Text>
          <Text size="sm">
            <Anchor component={Link} to="/login">
              Back to sign in
            </Anchor>
          </Text>
        </Stack>
      </AuthCard>
    );
  }

  const bannerError = request.isError && !isApiError(request.error, 400);
  return (
    <AuthCard
      title="Forgot your password?"
      subtitle="Enter the email address you sign in with. We'll send you a link to choose a new password."
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {bannerError && <ProblemAlert error={request.error} />}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            error={fieldError}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <Button type="submit" loading={request.isPending} fullWidth>
            Send reset link
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/login">
              Back to sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
