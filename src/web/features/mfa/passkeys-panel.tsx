import { ActionIcon, Button, Group, Modal, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { startRegistration } from '@simplewebauthn/browser';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Passkey } from '../../../contract/mfa';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { ProblemAlert } from '../../lib/problem-alert';
import { addPasskey, removePasskey, renamePasskey, startPasskeyRegistration } from './mfa.api';
import { defaultPasskeyName } from './passkey-name';

/** Asks for a name, then the browser makes the passkey (Touch ID, Windows Hello, a security key, a phone). */
export function AddPasskeyForm({ onAdded, onCancel }: { onAdded: (passkey: Passkey) => void; onCancel: () => void }) {
  const [name, setName] = useState(() => defaultPasskeyName(navigator.userAgent));
  const [nameError, setNameError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: async () => {
      const optionsJSON = await startPasskeyRegistration();
      // The browser's own dialog; cancelling it rejects with NotAllowedError.
      const response = await startRegistration({ optionsJSON: optionsJSON as never });
      return addPasskey({ name: name.trim(), response: response as never });
    },
    onSuccess: onAdded,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError('Give the passkey a name');
      return;
    }
    setNameError(undefined);
    mutation.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add a passkey">
      <Stack gap="sm">
        {mutation.isError && <ProblemAlert error={mutation.error} />}
        <TextInput
          label="Passkey name"
          description="So you can tell your passkeys apart, e.g. “Work laptop”"
          maxLength={64}
          w={320}
          value={name}
          error={nameError}
          onChange={(event) => setName(event.currentTarget.value)}
          required
        />
        <Group gap="sm">
          <Button type="submit" loading={mutation.isPending}>
            Create passkey
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RenamePasskeyModal({
  passkey,
  onClose,
  onDone,
}: {
  passkey: Passkey;
  onClose: () => void;
  onDone: () => void;
}) {
  const [name, setName] = useState(passkey.name);
  const mutation = useMutation({ mutationFn: () => renamePasskey(passkey.id, name.trim()), onSuccess: onDone });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim()) mutation.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={`Rename “${passkey.name}”`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {mutation.isError && <ProblemAlert error={mutation.error} />}
          <TextInput
            label="Passkey name"
            maxLength={64}
            value={name}
            error={name.trim() ? undefined : 'Give the passkey a name'}
            onChange={(event) => setName(event.currentTarget.value)}
            data-autofocus
            required
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RemovePasskeyModal({
  passkey,
  onClose,
  onDone,
}: {
  passkey: Passkey;
  onClose: () => void;
  onDone: () => void;
}) {
  const mutation = useMutation({ mutationFn: () => removePasskey(passkey.id), onSuccess: onDone });
  return (
    <Modal opened onClose={onClose} title={`Remove “${passkey.name}”?`}>
      <Stack gap="sm">
        {mutation.isError && <ProblemAlert error={mutation.error} />}
        <Text size="sm">You will no longer be able to sign in with this passkey.</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" onClick={() => mutation.mutate()} loading={mutation.isPending}>
            Remove passkey
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The user's passkeys with rename and remove. */
export function PasskeyList({ passkeys, onChanged }: { passkeys: Passkey[]; onChanged: () => void }) {
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  if (passkeys.length === 0) return null;
  const done = (message: string) => () => {
    setRenaming(null);
    setRemoving(null);
    onChanged();
    notifications.show({ color: 'teal', message });
  };
  return (
    <>
      <Table.ScrollContainer minWidth={420}>
        <Table aria-label="Your passkeys" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Passkey</Table.Th>
              <Table.Th>Added</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {passkeys.map((passkey) => (
              <Table.Tr key={passkey.id}>
                <Table.Td>{passkey.name}</Table.Td>
                <Table.Td>{formatDateTimeWithZone(passkey.createdAt)}</Table.Td>
                <Table.Td>{passkey.lastUsedAt ? formatDateTimeWithZone(passkey.lastUsedAt) : 'Never'}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Rename passkey ${passkey.name}`}
                      onClick={() => setRenaming(passkey)}
                    >
                      <IconPencil size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove passkey ${passkey.name}`}
                      onClick={() => setRemoving(passkey)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {renaming && (
        <RenamePasskeyModal passkey={renaming} onClose={() => setRenaming(null)} onDone={done('Passkey renamed')} />
      )}
      {removing && (
        <RemovePasskeyModal passkey={removing} onClose={() => setRemoving(null)} onDone={done('Passkey removed')} />
      )}
    </>
  );
}
