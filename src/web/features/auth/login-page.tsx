import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../../lib/page-title';
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
    </AuthCard>
  );
}
