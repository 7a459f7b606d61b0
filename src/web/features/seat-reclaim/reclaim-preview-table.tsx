import { Badge, Table, Text } from '@mantine/core';
import type { ReclaimCandidate } from '../../../contract/seat-reclaim';
import { formatDate } from '../../lib/format-date';
import { useWideTableMinWidth, WIDE_FROM } from '../../lib/phone-layout';

const NEXT_STEP: Record<ReclaimCandidate['action'], { label: string; color: string }> = {
  warn: { label: 'Warned at the next run', color: 'yellow' },
  wait: { label: 'Warned', color: 'gray' },
  reclaim: { label: 'Freed at the next run', color: 'red' },
};

/** The seats a policy would act on: holder, last use, days idle, the warning and the day the seat goes. */
export function ReclaimPreviewTable({ items, caption }: { items: ReclaimCandidate[]; caption: string }) {
  const minWidth = useWideTableMinWidth(720);
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Holder</Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Last used
            </Table.Th>
            <Table.Th scope="col">Days idle</Table.Th>
            <Table.Th scope="col">Next step</Table.Th>
            <Table.Th scope="col" visibleFrom={WIDE_FROM}>
              Freed on
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.assignmentId}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {item.user.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {item.user.email}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom={WIDE_FROM}>{item.lastUsedAt ? formatDate(item.lastUsedAt) : 'Never'}</Table.Td>
              <Table.Td>{item.daysIdle}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={NEXT_STEP[item.action].color}>
                  {item.action === 'wait' ? `Warned ${formatDate(item.warnOn)}` : NEXT_STEP[item.action].label}
                </Badge>
              </Table.Td>
              <Table.Td visibleFrom={WIDE_FROM}>{formatDate(item.reclaimOn)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
