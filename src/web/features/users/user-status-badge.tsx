import { Badge } from '@mantine/core';
import { IconCircleCheck, IconMail, IconUserOff } from '@tabler/icons-react';
import type { User } from './users.types';

/** Active, deactivated or invitation pending — in words and with an icon, never colour alone. */
export function UserStatusBadge({ user }: { user: Pick<User, 'status' | 'invitationPending'> }) {
  if (user.status === 'deactivated') {
    return (
      <Badge color="red" variant="light" leftSection={<IconUserOff size={12} aria-hidden />}>
        Deactivated
      </Badge>
    );
  }
  if (user.invitationPending) {
    return (
      <Badge color="yellow" variant="light" leftSection={<IconMail size={12} aria-hidden />}>
        Invitation pending
      </Badge>
    );
  }
  return (
    <Badge color="teal" variant="light" leftSection={<IconCircleCheck size={12} aria-hidden />}>
      Active
    </Badge>
  );
}
