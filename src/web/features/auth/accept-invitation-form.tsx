import { Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { LoginResponse } from '../../../contract/auth';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError, problemMessage } from '../../lib/problem-message';
import { acceptInvitation } from './auth.api';
import { NewPasswordFields } from './new-password-fields';
import { checkNewPassword } from './password-rules';

interface AcceptInvitationFormProps {
  token: string;
  email: string;
  name: string;
  organizationName: string;
  /** The user already has a password: this sets a new one. */
  replacesPassword: boolean;
  onAccepted: (answer: LoginResponse) => void;
}

export function AcceptInvitationForm(props: AcceptInvitationFormProps) {
  const { token, email, onAccepted } = props;
  const context = { email, name: props.name, orgName: props.organizationName };
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirmation?: string }>({});
  const mutation = useMutation({
    mutationFn: () => acceptInvitation(token, password),
    onSuccess: onAccepted,
    onError: (error) => {
      // A refused password belongs next to the field; anything else goes in the banner.
      if (isApiError(error, 400)) setErrors({ password: problemMessage(error) });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkNewPassword(password, confirmation, context);
    setErrors(problems);
    if (!problems.password && !problems.confirmation) mutation.mutate();
  };

  const bannerError = mutation.isError && !isApiError(mutation.error, 400);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {bannerError && <ProblemAlert error={mutation.error} />}
        {/* Lets password managers store the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <NewPasswordFields
          passwordLabel={props.replacesPassword ? 'New password' : 'Password'}
          context={context}
          password={password}
          confirmation={confirmation}
          onPasswordChange={setPassword}
          onConfirmationChange={setConfirmation}
          errors={errors}
        />
        <Button type="submit" loading={mutation.isPending} fullWidth>
          {props.replacesPassword ? 'Set new password and sign in' : 'Set password and sign in'}
        </Button>
      </Stack>
    </form>
  );
}
