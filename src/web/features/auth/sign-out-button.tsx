import { NavLink } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { problemMessage } from '../../lib/problem-message';
import { signOut } from './auth.api';

export function SignOutButton() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      queryClient.clear();
      navigate('/login', { replace: true });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Sign-out failed', message: problemMessage(error) }),
  });

  return (
    <NavLink
      component="button"
      type="button"
      label={mutation.isPending ? 'Signing out…' : 'Sign out'}
      leftSection={<IconLogout size={18} aria-hidden />}
      onClick={() => mutation.mutate()}
      disabled={mutation.isPending}
    />
  );
}
