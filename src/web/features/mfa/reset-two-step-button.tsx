import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconShieldOff } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { ProblemAlert } from '../../lib/problem-alert';
import { resetUserMfa } from './mfa.api';

/** Owners: removes a user's authenticator app, passkeys and recovery codes (a lost phone), after a confirmation. */
export function ResetTwoStepButton({ user }: { user: { id: string; name: string } }) {
  const [opened, modal] = useDisclosure(false);
  const mutation = useMutation({
    mutationFn: () => resetUserMfa(user.id),
    onSuccess: () => {
      modal.close();
      notifications.show({
        color: 'teal',
        message: `${user.name}’s two-step verification was reset. They set it up again from their Account page.`,
      });
    },
  });
  return (
    <>
      <Button
        variant="outline"
        color="orange"
        leftSection={<IconShieldOff size={16} aria-hidden />}
        onClick={modal.open}
      >
        Reset two-step verification
      </Button>
      <Modal opened={opened} onClose={modal.close} title={`Reset ${user.name}’s two-step verification?`}>
        <Stack gap="sm">
          {mutation.isError && <ProblemAlert error={mutation.error} />}
          <Text size="sm">
            Their authenticator app, passkeys and recovery codes are removed. Do this only when you are sure who asked,
            for example after they lost their phone: until they set it up again, their password alone signs them in (or,
            when your organization requires two-step verification, only lets them set it up).
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={modal.close} data-autofocus>
              Cancel
            </Button>
            <Button color="red" onClick={() => mutation.mutate()} loading={mutation.isPending}>
              Reset two-step verification
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
