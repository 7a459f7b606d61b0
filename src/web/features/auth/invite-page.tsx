import { Anchor, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { PageError } from '../../lib/page-error';
import { PageLoader } from '../../lib/page-loader';
import { usePageTitle } from '../../lib/page-title';
import { isApiError } from '../../lib/problem-message';
import { AcceptInvitationForm } from './accept-invitation-form';
import { fetchInvitation } from './auth.api';
import { AuthCard } from './auth-card';
import { homePathFor } from './home-path';
import { meQueryKey } from './use-me';

export function InvitePage() {
  usePageTitle('Your invitation');
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) => fetchInvitation(token, signal),
  });

  if (invitation.isPending) return <PageLoader label="Loading your invitation" />;
  if (invitation.isError) {
    if (isApiError(invitation.error, 404)) {
      return (
        <AuthCard title="This invitation link no longer works">
          <Text size="sm">
            It may have been used already, replaced by a newer link, or expired. Ask an owner of your organization to
            send you a new invitation.
          </Text>
          <Text size="sm" mt="md">
            Already set your password?{' '}
            <Anchor component={Link} to="/login">
              Sign in
            </Anchor>
          </Text>
        </AuthCard>
      );
    }
    return (
      <AuthCard title="Invitation">
        <PageError error={invitation.error} onRetry={() => invitation.refetch()} />
      </AuthCard>
    );
  }

  const { name, email, organizationName, expiresAt, replacesPassword } = invitation.data;
  return (
    <AuthCard
      title={replacesPassword ? `Choose a new password, ${name}` : `Welcome, ${name}`}
      subtitle={
        replacesPassword ? (
          <>
            Choose a new password for <strong>{email}</strong> at {organizationName}. Setting it signs you out
            everywhere else. This link works until {formatDateTimeWithZone(expiresAt)}.
          </>
        ) : (
          <>
            {organizationName} invited you to Seatkeeper. Choose a password for <strong>{email}</strong>. This link
            works until {formatDateTimeWithZone(expiresAt)}.
          </>
        )
      }
    >
      <AcceptInvitationForm
        token={token}
        email={email}
        name={name}
        organizationName={organizationName}
        replacesPassword={replacesPassword}
        onAccepted={({ user }) => {
          queryClient.removeQueries({ queryKey: meQueryKey });
          navigate(homePathFor(user.role), { replace: true });
        }}
      />
    </AuthCard>
  );
}
