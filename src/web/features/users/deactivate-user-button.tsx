import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserOff } from '@tabler/icons-react';
import type { User } from '../../../contract/users';
import { DeactivateUserModal } from './deactivate-user-modal';

export function DeactivateUserButton({ user }: { user: User }) {
  const [opened, modal] = useDisclosure(false);
  return (
    <>
      <Button color="red" variant="outline" leftSection={<IconUserOff size={16} aria-hidden />} onClick={modal.open}>
        Deactivate
      </Button>
      <DeactivateUserModal user={user} opened={opened} onClose={modal.close} />
    </>
  );
}
