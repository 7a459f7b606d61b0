import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { User } from '../../../contract/users';
import { ProblemAlert } from '../../lib/problem-alert';
import { InvitationLink } from './invitation-link';
import { renewInvitation } from './users.api';

/** Makes a fresh invitation link (the previous one stops working) after the owner confirms. */
export function RenewInvitationButton({ user }: { user: User }) {
  const [opened, setOpened] = useState(false);
  const mutation = useMutation({ mutationFn: () => renewInvitation(user.id) });

  const close = () => {
    setOpened(false);
    mutation.reset();
  };

  return (
    <>
      <Button variant="default" leftSection={<IconMail size={16} aria-hidden />} onClick={() => setOpened(true)}>
        New invitation link
      </Button>
      <Modal opened={opened} onClose={close} title="New invitation link" size="lg">
        {mutation.isSuccess ? (
          <Stack gap="md">
            <Text size="sm">Send this link to {user.name}. Earlier links no longer work.</Text>
            <InvitationLink invitation={mutation.data} />
            <Group justify="flex-end">
              <Button onClick={close}>Done</Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="md">
            <Text size="sm">
              {user.name} has not accepted their invitation yet. A new link replaces the old one, which stops working at
              once.
            </Text>
            {mutation.isError && <ProblemAlert error={mutation.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button loading={mutation.isPending} onClick={() => mutation.mutate()}>
                Create new link
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
