import { Alert, Button, List, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconEraser } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { User } from '../../../contract/users';
import { ProblemAlert } from '../../lib/problem-alert';
import { FormModal } from '../users/form-modal';
import { useApplyUserChange } from '../users/use-apply-user-change';
import { eraseUser } from './privacy.api';

/**
 * Erases a deactivated user's personal data, after the owner types the user's email: it cannot be
 * undone, so the dialog says what goes and what the organization keeps.
 */
export function EraseUserButton({ user }: { user: User }) {
  const [opened, modal] = useDisclosure(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const applyUserChange = useApplyUserChange();
  const matches = typed.trim().toLowerCase() === user.email.toLowerCase();

  const mutation = useMutation({
    mutationFn: () => eraseUser(user.id),
    onSuccess: (erased) => {
      applyUserChange(erased.user);
      notifications.show({ color: 'teal', message: 'Personal data erased. The organization’s counts are unchanged.' });
      close();
    },
  });

  const close = () => {
    modal.close();
    setTyped('');
    setError(null);
    mutation.reset();
  };

  const submit = () => {
    if (!matches) {
      setError('Type the user’s email exactly to confirm.');
      return;
    }
    mutation.mutate();
  };

  return (
    <>
      <Button color="red" variant="outline" leftSection={<IconEraser size={16} aria-hidden />} onClick={modal.open}>
        Erase personal data
      </Button>
      <FormModal
        title={`Erase ${user.name}’s personal data`}
        opened={opened}
        onClose={close}
        onSubmit={submit}
        submitLabel="Erase for good"
        submitColor="red"
        submitting={mutation.isPending}
      >
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title="This cannot be undone">
          <Text size="sm">
            Removed: the email and name, the password, sessions, second factors and links, mail to them, and from every
            sign-in and app session the browser, device name, city and the last part of the address. Alerts and the
            audit log keep what happened, not who.
          </Text>
          <List size="sm" mt="xs">
            <List.Item>Kept: the account as “Erased user”, its role and dates.</List.Item>
            <List.Item>
              Kept: the aggregate counts — sign-ins, app use, seats — so reports and totals do not change.
            </List.Item>
          </List>
        </Alert>
        {mutation.isError && <ProblemAlert error={mutation.error} />}
        <TextInput
          label="Type the user’s email to confirm"
          description={user.email}
          value={typed}
          onChange={(event) => {
            setTyped(event.currentTarget.value);
            setError(null);
          }}
          error={error}
          autoComplete="off"
          required
          data-autofocus
        />
      </FormModal>
    </>
  );
}
