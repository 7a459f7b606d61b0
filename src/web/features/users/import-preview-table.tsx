import { Badge, List, Table, Text } from '@mantine/core';
import type { ImportRow } from '../../../contract/bulk-users';

/** Each row of the file: who it is, and "Will be added" or what is wrong with it. Wraps rather than scrolls on phones. */
export function ImportPreviewTable({ rows }: { rows: ImportRow[] }) {
  return (
    <Table.ScrollContainer minWidth={0} mah={360}>
      <Table verticalSpacing="xs" aria-label="Rows of the file" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={56}>
              Line
            </Table.Th>
            <Table.Th scope="col">User</Table.Th>
            <Table.Th scope="col">Result</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.line}>
              <Table.Td>
                <Text size="sm">{row.line}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {row.name || '—'}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {row.email || '—'} · {row.role === 'owner' ? 'Owner' : 'Member'}
                  {row.product ? ` · ${row.product.name}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                {row.errors.length === 0 ? (
                  <Badge color="teal" variant="light" tt="none">
                    Will be added
                  </Badge>
                ) : (
                  <List size="sm" spacing={2} c="red">
                    {row.errors.map((error) => (
                      <List.Item key={`${error.column}-${error.code}`}>
                        {error.column}: {error.message}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
