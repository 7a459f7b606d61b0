import { Badge } from '@mantine/core';
import { IconCircleCheck, IconMail, IconUserOff } from '@tabler/icons-react';
import type { User } from '../../../contract/users';

/**
 * Active, deactivated or invitation pending — in words and with an icon, never colour alone, and never cut short
 * by a narrow column. `status` is any string where the contract says so (a report row).
 */
export function UserStatusBadge({
  user,
}: {
  user: { status: User['status'] | (string & {}); invitationPending: User['invitationPending'] };
}) {
  if (user.status === 'deactivated') {
    return (
      <Badge color="red" variant="light" miw="max-content" leftSection={<IconUserOff size={12} aria-hidden />}>
        Deactivated
      </Badge>
    );
  }
  if (user.invitationPending) {
    return (
      <Badge color="yellow" variant="light" miw="max-content" leftSection={<IconMail size={12} aria-hidden />}>
        Invitation pending
      </Badge>
    );
  }
  return (
    <Badge color="teal" variant="light" miw="max-content" leftSection={<IconCircleCheck size={12} aria-hidden />}>
      Active
    </Badge>
  );
}
