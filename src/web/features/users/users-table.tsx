import { Skeleton, Table } from '@mantine/core';
import type { User } from '../../../contract/users';
import { viewerTimeZone } from '../../lib/format-date';
import { SortableTh } from './sortable-th';
import { UserRow } from './user-row';
import type { SortOrder, UserSort } from './users.types';

// Newest-first is what people want from time columns; names read best A to Z.
const firstOrder: Record<UserSort, SortOrder> = { lastLoginAt: 'desc', createdAt: 'desc', name: 'asc', email: 'asc' };

interface UsersTableProps {
  users: User[];
  loading: boolean;
  sort: UserSort;
  order: SortOrder;
  onSort: (sort: UserSort, order: SortOrder) => void;
}

export function UsersTable({ users, loading, sort, order, onSort }: UsersTableProps) {
  const header = (column: UserSort, label: string) => (
    <SortableTh
      active={sort === column ? order : null}
      onSort={() => onSort(column, sort === column ? (order === 'asc' ? 'desc' : 'asc') : firstOrder[column])}
    >
      {label}
    </SortableTh>
  );

  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="sm" highlightOnHover aria-busy={loading} aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            {header('name', 'Name')}
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            {header('lastLoginAt', 'Last sign-in')}
            <Table.Th scope="col">Last app use</Table.Th>
            {header('createdAt', `Created (${viewerTimeZone()})`)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading
            ? Array.from({ length: 6 }, (_, row) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
                <Table.Tr key={row}>
                  {Array.from({ length: 6 }, (_, column) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
                    <Table.Td key={column}>
                      <Skeleton height={14} width={column === 0 ? '70%' : '50%'} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : users.map((user) => <UserRow key={user.id} user={user} />)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
