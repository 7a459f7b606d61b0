import { PasswordInput } from '@mantine/core';
import { passwordHint } from './password-rules';

interface NewPasswordFieldsProps {
  password: string;
  confirmation: string;
  onPasswordChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  errors: { password?: string; confirmation?: string };
  passwordLabel?: string;
}

/** A new password and its confirmation, shared by the invitation and change-password forms. */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  return (
    <>
      <PasswordInput
        label={props.passwordLabel ?? 'Password'}
        description={passwordHint}
        autoComplete="new-password"
        required
        value={props.password}
        error={props.errors.password}
        onChange={(event) => props.onPasswordChange(event.currentTarget.value)}
      />
      <PasswordInput
        label="Confirm password"
        autoComplete="new-password"
        required
        value={props.confirmation}
        error={props.errors.confirmation}
        onChange={(event) => props.onConfirmationChange(event.currentTarget.value)}
      />
    </>
  );
}
