import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { Invitation, User } from '../../../contract/users';
import { AddUserForm } from './add-user-form';
import { InvitationLink } from './invitation-link';

interface AddUserModalProps {
  opened: boolean;
  onClose: () => void;
}

export function AddUserModal({ opened, onClose }: AddUserModalProps) {
  const [created, setCreated] = useState<{ user: User; invitation: Invitation } | null>(null);
  // A new form each time the modal opens, so a half-typed user does not come back.
  const [formKey, setFormKey] = useState(0);

  const close = () => {
    onClose();
    setCreated(null);
    setFormKey((key) => key + 1);
  };

  return (
    <Modal opened={opened} onClose={close} title={created ? 'User added' : 'Add user'} size="lg">
      {created ? (
        <Stack gap="md">
          <Alert color="teal" icon={<IconCircleCheck aria-hidden />}>
            {created.user.name} ({created.user.email}) was added. Send them this link so they can choose a password and
            sign in.
          </Alert>
          <InvitationLink invitation={created.invitation} />
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                setCreated(null);
                setFormKey((key) => key + 1);
              }}
            >
              Add another
            </Button>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <AddUserForm key={formKey} onCreated={setCreated} onCancel={close} />
      )}
    </Modal>
  );
}
