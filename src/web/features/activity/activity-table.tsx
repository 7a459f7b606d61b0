import { Skeleton, Table } from '@mantine/core';
import type { ActivityItem } from '../../../contract/activity';
import { viewerTimeZone } from '../../lib/format-date';
import { ActivityRow } from './activity-row';

const COLUMNS = 6;
const SKELETON_ROWS = 6;

interface ActivityTableProps {
  items: ActivityItem[];
  /** Shows placeholder rows instead of items while the first page loads. */
  loading?: boolean;
  /** Product key → name, to name apps. */
  appNames?: ReadonlyMap<string, string>;
}

export function ActivityTable({ items, loading = false, appNames }: ActivityTableProps) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table
        verticalSpacing="sm"
        highlightOnHover
        aria-busy={loading}
        aria-label="Sign-in attempts and app sessions, newest first"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Time ({viewerTimeZone()})</Table.Th>
            <Table.Th scope="col">Outcome</Table.Th>
            <Table.Th scope="col">Device</Table.Th>
            <Table.Th scope="col">IP address</Table.Th>
            <Table.Th scope="col">Location</Table.Th>
            <Table.Th scope="col">Risk</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading
            ? Array.from({ length: SKELETON_ROWS }, (_, row) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
                <Table.Tr key={row}>
                  {Array.from({ length: COLUMNS }, (_, column) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
                    <Table.Td key={column}>
                      <Skeleton height={14} radius="sm" width={column === COLUMNS - 1 ? '40%' : '80%'} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : items.map((item) => <ActivityRow key={item.id} item={item} appNames={appNames} />)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
