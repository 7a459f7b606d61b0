import { Group } from '@mantine/core';
import type { User } from '../../../contract/users';
import { ResetTwoStepButton } from '../mfa/reset-two-step-button';
import { ChangeRoleControl } from './change-role-control';
import { DeactivateUserButton } from './deactivate-user-button';
import { ReactivateUserButton } from './reactivate-user-button';
import { RenewInvitationButton } from './renew-invitation-button';

export function UserActions({ user }: { user: User }) {
  const active = user.status === 'active';
  return (
    <Group gap="sm" align="flex-end">
      <ChangeRoleControl user={user} />
      {active && user.invitationPending && <RenewInvitationButton user={user} />}
      {active && !user.invitationPending && <ResetTwoStepButton user={user} />}
      {active ? <DeactivateUserButton user={user} /> : <ReactivateUserButton user={user} />}
    </Group>
  );
}
