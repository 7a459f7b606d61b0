import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserOff } from '@tabler/icons-react';
import { DeactivateUserModal } from '../users/deactivate-user-modal';

/** One-click deactivation from a report row, through the same modal (reason, note, seats) as the user page. */
export function DeactivateRowButton({ user }: { user: { id: string; name: string } }) {
  const [opened, modal] = useDisclosure(false);
  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        leftSection={<IconUserOff size={14} aria-hidden />}
        onClick={modal.open}
        aria-label={`Deactivate ${user.name}`}
      >
        Deactivate
      </Button>
      <DeactivateUserModal user={user} opened={opened} onClose={modal.close} />
    </>
  );
}
