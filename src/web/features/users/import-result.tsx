import { Alert, Button, CopyButton, Group, Stack, Table, Text } from '@mantine/core';
import { IconCheck, IconCircleCheck, IconCopy } from '@tabler/icons-react';
import type { ImportUsersResult } from '../../../contract/bulk-users';
import { CopyLinkButton } from './copy-link-button';
import { absoluteUrl } from './invitation-link';
import { userCountLabel } from './user-count-label';

/** What an import added: each new user with their one-time invitation link to copy, and all links at once. */
export function ImportResult({ created }: { created: ImportUsersResult['created'] }) {
  const links = created.map((item) => ({ ...item, url: absoluteUrl(item.invitation.url) }));
  const all = links.map((item) => `${item.user.name} <${item.user.email}>: ${item.url}`).join('\n');
  const seats = created.filter((item) => item.seat).length;
  return (
    <Stack gap="md">
      <Alert color="teal" icon={<IconCircleCheck aria-hidden />} title={`${userCountLabel(created.length)} added`}>
        {seats > 0 ? `${seats} of them got a seat. ` : ''}Send each person their link so they can choose a password and
        sign in; each link works once, for 7 days.
      </Alert>
      <Group justify="flex-end">
        <CopyButton value={all} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              onClick={copy}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            >
              {copied ? 'Copied every link' : 'Copy every link'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Table.ScrollContainer minWidth={0} mah={320}>
        <Table verticalSpacing="xs" aria-label="Users added">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">User</Table.Th>
              <Table.Th scope="col" w={110}>
                Invitation
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.map((item) => (
              <Table.Tr key={item.user.id}>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {item.user.name}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {item.user.email}
                    {item.seat ? ` · ${item.seat.product.name}` : ''}
                  </Text>
                  <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                    {item.url}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CopyLinkButton
                    url={item.url}
                    copyLabel={`Copy the invitation link for ${item.user.name}`}
                    copiedLabel={`Link for ${item.user.name} copied`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
