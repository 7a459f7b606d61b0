import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiToken } from '../../../contract/api-tokens';
import { ProblemAlert } from '../../lib/problem-alert';
import { apiTokenKeys, revokeApiToken } from './api-tokens.api';

/** Revoke, asked first: a revoked token stops working at its next request and cannot be restored. */
export function RevokeApiTokenButton({ token }: { token: ApiToken }) {
  const [confirming, confirm] = useDisclosure(false);
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => {
      confirm.close();
      notifications.show({ color: 'teal', message: `API token “${token.name}” revoked.` });
      void queryClient.invalidateQueries({ queryKey: apiTokenKeys.all });
    },
  });
  return (
    <>
      <Button size="xs" variant="subtle" color="red" onClick={confirm.open} aria-label={`Revoke ${token.name}`}>
        Revoke
      </Button>
      <Modal opened={confirming} onClose={confirm.close} title="Revoke this API token?" centered size="sm">
        <Stack gap="md">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            “{token.name}” ({token.prefix}…) stops working at once. Scripts that use it will get 401 answers. This
            cannot be undone.
          </Text>
          {revoke.isError && <ProblemAlert error={revoke.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={confirm.close} data-autofocus>
              Keep it
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate(token.id)}>
              Revoke token
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
