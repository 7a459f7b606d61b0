import { PasswordInput } from '@mantine/core';
import { describePasswordSoFar, PASSWORD_RULES_TEXT, type PasswordContext } from './password-rules';

interface NewPasswordFieldsProps {
  password: string;
  confirmation: string;
  onPasswordChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  errors: { password?: string; confirmation?: string };
  /** Whose password it is: their name, email and organization may not make up the password. */
  context: PasswordContext;
  passwordLabel?: string;
}

/**
 * A new password and its confirmation, shared by the invitation and change-password forms. The
 * rules are the field's description (its aria-describedby), with a live line that says, as the
 * user types, whether the password meets them.
 */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const soFar = describePasswordSoFar(props.password, props.context);
  return (
    <>
      <PasswordInput
        label={props.passwordLabel ?? 'Password'}
        description={
          <>
            {PASSWORD_RULES_TEXT}
            {/* Read out when it changes; an empty region is present from the start so the first change is heard. */}
            <span role="status" aria-live="polite" style={{ display: 'block', marginTop: 4 }}>
              {soFar}
            </span>
          </>
        }
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
