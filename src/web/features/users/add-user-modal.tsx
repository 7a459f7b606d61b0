import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { CreateUserResponse } from '../../../contract/users';
import { UnsavedChangesDialog } from '../../lib/unsaved-changes-dialog';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { AddUserForm } from './add-user-form';
import { InvitationLink } from './invitation-link';

/** Mounted only while open (the page renders it on demand), so its unsaved-changes guard is the page's only one. */
export function AddUserModal({ onClose }: { onClose: () => void }) {
  const [created, setCreated] = useState<CreateUserResponse | null>(null);
  // A new form for "Add another", so the previous person's details do not come back.
  const [formKey, setFormKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(dirty && !created);
  const close = () => unsaved.confirmDiscard(onClose);

  return (
    <Modal opened onClose={close} title={created ? 'User added' : 'Add user'} size="lg">
      {created ? (
        <Stack gap="md">
          <Alert color="teal" icon={<IconCircleCheck aria-hidden />}>
            {created.user.name} ({created.user.email}) was added
            {created.seat ? ` with a seat of ${created.seat.product.name}` : ''}. Send them this link so they can choose
            a password and sign in.
          </Alert>
          <InvitationLink invitation={created.invitation} />
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                setCreated(null);
                setDirty(false);
                setFormKey((key) => key + 1);
              }}
            >
              Add another
            </Button>
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <AddUserForm key={formKey} onCreated={setCreated} onCancel={close} onDirtyChange={setDirty} />
      )}
      <UnsavedChangesDialog unsaved={unsaved} />
    </Modal>
  );
}
