import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { PageError } from '../../lib/page-error';
import { PageLoader } from '../../lib/page-loader';
import { usePageTitle } from '../../lib/page-title';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError, problemMessage } from '../../lib/problem-message';
import { AuthCard } from '../auth/auth-card';
import { NewPasswordFields } from '../auth/new-password-fields';
import { checkNewPassword } from '../auth/password-rules';
import { fetchPasswordReset, resetPassword } from './password-reset.api';

/**
 * The page a reset link opens (/reset-password/:token): a new password, once. Opening it changes
 * nothing; setting the password signs the account out everywhere, and the user then signs in.
 */
export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const { token = '' } = useParams();
  const link = useQuery({
    queryKey: ['password-reset', token],
    queryFn: ({ signal }) => fetchPasswordReset(token, signal),
    retry: false,
  });
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirmation?: string }>({});
  const reset = useMutation({
    mutationFn: () => resetPassword(token, password),
    onError: (error) => {
      // A refused password belongs next to the field; anything else goes in the banner.
      if (isApiError(error, 400)) setErrors({ password: problemMessage(error) });
    },
  });

  if (reset.isSuccess) {
    return (
      <AuthCard title="Your password is changed">
        <Stack gap="md">
          <Text size="sm" role="status">
            Your new password is set, and your account was signed out everywhere.
          </Text>
          <Text size="sm">
            <Anchor component={Link} to="/login">
              Sign in with your new password
            </Anchor>
          </Text>
        </Stack>
      </AuthCard>
    );
  }
  if (link.isPending) return <PageLoader label="Loading your reset link" />;
  const gone = isApiError(link.error, 404) || (reset.isError && isApiError(reset.error, 404));
  if (gone) {
    return (
      <AuthCard title="This reset link no longer works">
        <Stack gap="md">
          <Text size="sm">
            It may have been used already, replaced by a newer link, or expired. Ask for a new link: it works for an
            hour.
          </Text>
          <Text size="sm">
            <Anchor component={Link} to="/forgot-password">
              Ask for a new link
            </Anchor>
          </Text>
        </Stack>
      </AuthCard>
    );
  }
  if (link.isError) {
    return (
      <AuthCard title="Choose a new password">
        <PageError error={link.error} onRetry={() => link.refetch()} />
      </AuthCard>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkNewPassword(password, confirmation, {});
    setErrors(problems);
    if (!problems.password && !problems.confirmation) reset.mutate();
  };
  const bannerError = reset.isError && !isApiError(reset.error, 400);
  return (
    <AuthCard
      title="Choose a new password"
      subtitle={
        <>
          For the account <strong>{link.data.email}</strong>. Setting it signs you out everywhere. This link works once,
          until {formatDateTimeWithZone(link.data.expiresAt)}.
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {bannerError && <ProblemAlert error={reset.error} />}
          <NewPasswordFields
            passwordLabel="New password"
            context={{}}
            password={password}
            confirmation={confirmation}
            onPasswordChange={setPassword}
            onConfirmationChange={setConfirmation}
            errors={errors}
          />
          <Button type="submit" loading={reset.isPending} fullWidth>
            Set new password
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
