import { Alert, Button, Divider, Stack, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SSO_ERROR_CODES, SSO_RETURN_TO_PATTERN, type SsoErrorCode } from '../../../contract/sso';
import { ProblemAlert } from '../../lib/problem-alert';
import { safeNextPath } from '../auth/home-path';
import { SSO_ERROR_MESSAGES, startSsoSignIn } from './sso.api';

const isSsoError = (value: string | null): value is SsoErrorCode =>
  value !== null && (SSO_ERROR_CODES as readonly string[]).includes(value);

const RETURN_TO = new RegExp(SSO_RETURN_TO_PATTERN, 'u');

/** A path of this console to come back to (the sign-in page's `next`, as the password sign-in follows it), or none. */
function returnPath(next: string | null): string | undefined {
  const path = safeNextPath(next);
  // The start refuses any backslash (400): leave such a path out rather than fail the sign-in.
  return path !== null && RETURN_TO.test(path) ? path : undefined;
}

/**
 * Below the sign-in form: "Sign in with single sign-on" asks the e-mail address, then sends the
 * browser to the organization's identity provider. Also explains a refused return (`?sso_error=`).
 */
export function SsoSignIn() {
  const [searchParams] = useSearchParams();
  const ssoError = searchParams.get('sso_error');
  // `?sso=1` opens the form: a link, so the sign-in form's own "Sign in" stays the page's only such button.
  const open = searchParams.get('sso') === '1';
  const opened = new URLSearchParams(searchParams);
  opened.set('sso', '1');
  opened.delete('sso_error');
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: () => startSsoSignIn(email.trim(), returnPath(searchParams.get('next'))),
    onSuccess: ({ redirectUrl }) => window.location.assign(redirectUrl),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = email.trim() ? undefined : 'Enter your work email address';
    setMissing(problem);
    if (!problem) mutation.mutate();
  };

  return (
    <Stack gap="md" mt="lg">
      <Divider label="or" labelPosition="center" />
      {isSsoError(ssoError) && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title="Single sign-on failed">
          {SSO_ERROR_MESSAGES[ssoError]}
        </Alert>
      )}
      {open ? (
        <form onSubmit={submit} noValidate aria-label="Single sign-on">
          <Stack gap="md">
            {mutation.isError && <ProblemAlert error={mutation.error} />}
            <TextInput
              label="Work e-mail address"
              description="You will continue at your organization’s identity provider."
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              error={missing}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <Button type="submit" variant="light" loading={mutation.isPending || mutation.isSuccess} fullWidth>
              Continue with single sign-on
            </Button>
          </Stack>
        </form>
      ) : (
        <Button component={Link} to={{ search: `?${opened}` }} variant="default" fullWidth>
          Sign in with single sign-on
        </Button>
      )}
    </Stack>
  );
}
