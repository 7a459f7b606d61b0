import { Anchor, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../../lib/page-title';
import { SsoSignIn } from '../sso/sso-sign-in';
import { AuthCard } from './auth-card';
import { homePathFor, safeNextPath } from './home-path';
import { LoginForm } from './login-form';
import { meQueryKey } from './use-me';

export function LoginPage() {
  usePageTitle('Sign in');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();

  return (
    <AuthCard title="Sign in" subtitle="Use the email address your organization registered for you.">
      <LoginForm
        onSignedIn={({ user }) => {
          queryClient.removeQueries({ queryKey: meQueryKey });
          navigate(safeNextPath(searchParams.get('next')) ?? homePathFor(user.role), { replace: true });
        }}
      />
      <Text size="sm" ta="center" mt="md">
        <Anchor component={Link} to="/forgot-password">
          Forgot password?
        </Anchor>
      </Text>
      <SsoSignIn />
    </AuthCard>
  );
}
