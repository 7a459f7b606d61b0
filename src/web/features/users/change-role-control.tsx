import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Role } from '../../../contract/auth';
import type { User } from '../../../contract/users';
import { problemMessage } from '../../lib/problem-message';
import { useSession } from '../auth/session-context';
import { useApplyUserChange } from './use-apply-user-change';
import { updateUser } from './users.api';

const roleOptions: { value: Role; label: string }[] = [
  { value: 'owner', label: 'Owner' },
  { value: 'member', label: 'Member' },
];

/** A role select that asks before it changes what someone may do. */
export function ChangeRoleControl({ user }: { user: User }) {
  const session = useSession();
  const [pending, setPending] = useState<Role | null>(null);
  const applyUserChange = useApplyUserChange();
  const isSelf = session.user.id === user.id;

  const mutation = useMutation({
    mutationFn: (role: Role) => updateUser(user.id, { role }),
    onSuccess: (updated) => {
      applyUserChange(updated);
      setPending(null);
      notifications.show({
        color: 'teal',
        message: `${updated.name} is now ${updated.role === 'owner' ? 'an owner' : 'a member'}.`,
      });
      // Demoting yourself takes away this page; the session answer says so.
      if (isSelf) window.location.assign('/');
    },
    onError: (error) => {
      setPending(null);
      notifications.show({ color: 'red', title: 'Role not changed', message: problemMessage(error) });
    },
  });

  return (
    <>
      <Select<Role>
        label="Role"
        data={roleOptions}
        value={user.role}
        onChange={(role) => role && role !== user.role && setPending(role)}
        allowDeselect={false}
        disabled={mutation.isPending}
        w={130}
      />
      <Modal opened={pending !== null} onClose={() => setPending(null)} title="Change role">
        <Stack gap="md">
          <Text size="sm">
            {pending === 'owner'
              ? `${user.name} will be able to add, deactivate and reactivate users and see everyone’s activity.`
              : `${user.name} will only see their own activity and can no longer manage users.`}
            {isSelf && pending === 'member' && ' This is your own account: you will lose access to user management.'}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)}>
              Cancel
            </Button>
            <Button loading={mutation.isPending} onClick={() => pending && mutation.mutate(pending)}>
              Make {pending === 'owner' ? 'owner' : 'member'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
