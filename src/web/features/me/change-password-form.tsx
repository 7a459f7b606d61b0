import { Button, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError, problemMessage } from '../../lib/problem-message';
import { UnsavedChangesDialog } from '../../lib/unsaved-changes-dialog';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { NewPasswordFields } from '../auth/new-password-fields';
import { checkNewPassword } from '../auth/password-rules';
import { useSession } from '../auth/session-context';
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
  const unsaved = useUnsavedChanges(Boolean(current || password || confirmation));
  const mutation = useMutation({
    mutationFn: () => changePassword(current, password),
    onSuccess: () => {
      setCurrent('');
      setPassword('');
      setConfirmation('');
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
        <Button type="submit" loading={mutation.isPending} style={{ alignSelf: 'flex-start' }}>
          Change password
        </Button>
      </Stack>
      <UnsavedChangesDialog unsaved={unsaved} />
    </form>
  );
}
