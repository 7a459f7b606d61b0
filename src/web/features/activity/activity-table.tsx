import { Table } from '@mantine/core';
import type { ActivityItem } from '../../../contract/activity';
import { viewerTimeZone } from '../../lib/format-date';
import { ActivityRow } from './activity-row';
import { SkeletonRows } from './skeleton-rows';

const COLUMNS = 6;
const SKELETON_ROWS = 6;

interface ActivityTableProps {
  items: ActivityItem[];
  /** Shows placeholder rows instead of items while the first page loads. */
  loading?: boolean;
  /** Product key → name, to name apps. */
  appNames?: ReadonlyMap<string, string>;
  /** Opens a sign-in's detail drawer from its row (owners); a member's own page has none. */
  onOpenSignIn?: (id: string) => void;
}

export function ActivityTable({ items, loading = false, appNames, onOpenSignIn }: ActivityTableProps) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table
        verticalSpacing="sm"
        highlightOnHover
        aria-busy={loading}
        aria-label={
          onOpenSignIn
            ? 'Sign-in attempts and app sessions, newest first. Press Enter on a sign-in for its details.'
            : 'Sign-in attempts and app sessions, newest first'
        }
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
          {loading ? (
            <SkeletonRows
              rows={SKELETON_ROWS}
              columns={COLUMNS}
              cellWidth={(column) => (column === COLUMNS - 1 ? '40%' : '80%')}
            />
          ) : (
            items.map((item) => (
              <ActivityRow key={item.id} item={item} appNames={appNames} onOpenSignIn={onOpenSignIn} />
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
