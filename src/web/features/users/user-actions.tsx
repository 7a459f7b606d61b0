import { Group } from '@mantine/core';
import type { User } from '../../../contract/users';
import { ResetTwoStepButton } from '../mfa/reset-two-step-button';
import { EraseUserButton } from '../privacy/erase-user-button';
import { ExportDataButton } from '../privacy/export-data-button';
import { isErased } from '../privacy/privacy.api';
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
      <ExportDataButton user={user} />
      {/* An erased user stays deactivated for good: nothing to reactivate or erase. */}
      {active ? <DeactivateUserButton user={user} /> : !isErased(user) && <ReactivateUserButton user={user} />}
      {!active && !isErased(user) && <EraseUserButton user={user} />}
    </Group>
  );
}
