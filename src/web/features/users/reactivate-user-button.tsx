import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { User } from '../../../contract/users';
import { problemMessage } from '../../lib/problem-message';
import { useApplyUserChange } from './use-apply-user-change';
import { reactivateUser } from './users.api';

export function ReactivateUserButton({ user }: { user: User }) {
  const applyUserChange = useApplyUserChange();
  const mutation = useMutation({
    mutationFn: () => reactivateUser(user.id),
    onSuccess: (updated) => {
      applyUserChange(updated);
      notifications.show({ color: 'teal', message: `${updated.name} can sign in again.` });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not reactivated', message: problemMessage(error) }),
  });
  return (
    <Button
      leftSection={<IconUserCheck size={16} aria-hidden />}
      loading={mutation.isPending}
      onClick={() => mutation.mutate()}
    >
      Reactivate
    </Button>
  );
}
