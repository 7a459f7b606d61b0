import { Badge, Code, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ApiToken } from '../../../contract/api-tokens';
import { formatDate } from '../../lib/format-date';
import { RelativeTime } from '../../lib/relative-time';
import { ApiTokenStatusBadge } from './api-token-status-badge';
import { RevokeApiTokenButton } from './revoke-api-token-button';

/** The organization's tokens: what each may do, whether it still works, who made it and when it was last used. */
export function ApiTokensTable({ tokens }: { tokens: ApiToken[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" striped aria-label="API tokens">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Scope</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Expires</Table.Th>
            <Table.Th scope="col">Last used</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {token.name}
                  </Text>
                  <Code>{token.prefix}…</Code>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Badge variant="outline" color={token.scope === 'full' ? 'orange' : 'blue'}>
                  {token.scope === 'full' ? 'Full' : 'Read only'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <ApiTokenStatusBadge status={token.status} />
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <RelativeTime iso={token.createdAt} />
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    by {token.createdBy.name || token.createdBy.email}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {token.revokedAt
                    ? `Revoked ${formatDate(token.revokedAt)}`
                    : token.expiresAt
                      ? formatDate(token.expiresAt)
                      : 'Never'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <RelativeTime iso={token.lastUsedAt} fallback="Never" />
                  {token.lastUsedIp && (
                    <Text size="xs" c="dimmed" ff="monospace">
                      from {token.lastUsedIp}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>{token.status !== 'revoked' && <RevokeApiTokenButton token={token} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
