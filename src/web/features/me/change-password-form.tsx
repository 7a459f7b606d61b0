import { Alert, Button, Checkbox, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError, problemMessage } from '../../lib/problem-message';
import { UnsavedChangesDialog } from '../../lib/unsaved-changes-dialog';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { NewPasswordFields } from '../auth/new-password-fields';
import { checkNewPassword } from '../auth/password-rules';
import { useSession } from '../auth/session-context';
import { endAllSessions, userSessionKeys } from '../user-sessions/user-sessions.api';
import { changePassword } from './me.api';

interface FieldErrors {
  current?: string;
  password?: string;
  confirmation?: string;
}

export function ChangePasswordForm() {
  const { user, organization } = useSession();
  const context = { email: user.email, name: user.name, orgName: organization.name };
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [endOthers, setEndOthers] = useState(true);
  // Sessions still live elsewhere after the change: offered to end them all (DELETE /me/sessions).
  const [othersLeft, setOthersLeft] = useState(0);
  const queryClient = useQueryClient();
  const unsaved = useUnsavedChanges(Boolean(current || password || confirmation));
  const mutation = useMutation({
    mutationFn: () => changePassword(current, password, endOthers),
    onSuccess: (result) => {
      setCurrent('');
      setPassword('');
      setConfirmation('');
      setOthersLeft(result.otherSessions);
      void queryClient.invalidateQueries({ queryKey: userSessionKeys.all });
      notifications.show({ color: 'teal', title: 'Password changed', message: 'Use your new password next time.' });
    },
    onError: (error) => {
      if (isApiError(error, 400, 'wrong-password')) setErrors({ current: problemMessage(error) });
      else if (isApiError(error, 400)) setErrors({ password: problemMessage(error) });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: FieldErrors = {
      current: current ? undefined : 'Enter your current password',
      ...checkNewPassword(password, confirmation, context),
    };
    setErrors(problems);
    if (!problems.current && !problems.password && !problems.confirmation) mutation.mutate();
  };

  const signOutElsewhere = useMutation({
    mutationFn: () => endAllSessions('me'),
    onSuccess: () => {
      setOthersLeft(0);
      void queryClient.invalidateQueries({ queryKey: userSessionKeys.all });
      notifications.show({ color: 'teal', message: 'Signed out everywhere else.' });
    },
  });

  const bannerError = mutation.isError && !isApiError(mutation.error, 400);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {bannerError && <ProblemAlert error={mutation.error} />}
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          value={current}
          error={errors.current}
          onChange={(event) => setCurrent(event.currentTarget.value)}
        />
        <NewPasswordFields
          passwordLabel="New password"
          context={context}
          password={password}
          confirmation={confirmation}
          onPasswordChange={setPassword}
          onConfirmationChange={setConfirmation}
          errors={errors}
        />
        <Checkbox
          label="Sign out of my other sessions"
          description="Other browsers are signed out; apps keep running until you sign out everywhere else."
          checked={endOthers}
          onChange={(event) => setEndOthers(event.currentTarget.checked)}
        />
        <Button type="submit" loading={mutation.isPending} style={{ alignSelf: 'flex-start' }}>
          Change password
        </Button>
        {othersLeft > 0 && (
          <Alert color="yellow" title="You’re still signed in elsewhere">
            <Stack gap="xs">
              <Text size="sm">
                {othersLeft === 1 ? '1 other session is' : `${othersLeft} other sessions are`} still signed in with your
                account (browsers or apps). If someone else may know your old password, end them.
              </Text>
              {signOutElsewhere.isError && <ProblemAlert error={signOutElsewhere.error} />}
              <Button
                size="xs"
                color="red"
                variant="light"
                loading={signOutElsewhere.isPending}
                onClick={() => signOutElsewhere.mutate()}
                style={{ alignSelf: 'flex-start' }}
              >
                Sign out everywhere else
              </Button>
            </Stack>
          </Alert>
        )}
      </Stack>
      <UnsavedChangesDialog unsaved={unsaved} />
    </form>
  );
}
