import { Alert, Anchor } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format-date';
import { useSession } from './session-context';

/**
 * Above every page while the organization requires two-step verification of this user and they
 * have none: until when they may go without, and where to set it up. After the grace period the
 * session can only enrol (RequireSession sends them to Account).
 */
export function SecondFactorNotice() {
  const { secondFactor } = useSession();
  if (!secondFactor.required || secondFactor.enrolled) return null;
  return (
    <Alert color="yellow" icon={<IconShieldLock aria-hidden />} mb="md" title="Set up two-step verification">
      {secondFactor.enrolmentOnly
        ? 'Your organization requires two-step verification and the grace period is over: add an authenticator app or a passkey to continue. '
        : `Your organization requires two-step verification${secondFactor.enrolBy ? ` from ${formatDate(secondFactor.enrolBy)}` : ''}. `}
      <Anchor component={Link} to="/account#two-step">
        Set it up under Account
      </Anchor>
    </Alert>
  );
}
