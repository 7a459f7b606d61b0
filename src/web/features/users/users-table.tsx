import { Checkbox, Skeleton, Table } from '@mantine/core';
import type { UserListItem } from '../../../contract/users';
import { viewerTimeZone } from '../../lib/format-date';
import { SortableTh } from './sortable-th';
import type { UserSelection } from './use-user-selection';
import { UserRow } from './user-row';
import type { SortOrder, UserSort } from './users.types';
import { FULL_TABLE_FROM } from './users-table-layout';

// Newest-first is what people want from time columns; names read best A to Z.
export const firstOrder: Record<UserSort, SortOrder> = {
  lastLoginAt: 'desc',
  createdAt: 'desc',
  name: 'asc',
  email: 'asc',
};

interface UsersTableProps {
  users: UserListItem[];
  loading: boolean;
  sort: UserSort;
  order: SortOrder;
  onSort: (sort: UserSort, order: SortOrder) => void;
  selection: UserSelection;
}

export function UsersTable({ users, loading, sort, order, onSort, selection }: UsersTableProps) {
  const header = (column: UserSort, label: string) => (
    <SortableTh
      visibleFrom={FULL_TABLE_FROM}
      active={sort === column ? order : null}
      onSort={() => onSort(column, sort === column ? (order === 'asc' ? 'desc' : 'asc') : firstOrder[column])}
    >
      {label}
    </SortableTh>
  );
  const selectedShown = users.filter((user) => selection.has(user.id)).length;

  return (
    <Table.ScrollContainer minWidth={0}>
      <Table verticalSpacing="sm" highlightOnHover aria-busy={loading} aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>
              <Checkbox
                aria-label="Select every user shown"
                checked={users.length > 0 && selectedShown === users.length}
                indeterminate={selectedShown > 0 && selectedShown < users.length}
                disabled={loading || users.length === 0}
                onChange={() => selection.toggleAll(users)}
                size="sm"
              />
            </Table.Th>
            <Table.Th scope="col" hiddenFrom={FULL_TABLE_FROM}>
              User
            </Table.Th>
            {header('name', 'Name')}
            <Table.Th scope="col" visibleFrom={FULL_TABLE_FROM}>
              Role
            </Table.Th>
            <Table.Th scope="col" visibleFrom={FULL_TABLE_FROM}>
              Status
            </Table.Th>
            <Table.Th scope="col" visibleFrom={FULL_TABLE_FROM}>
              Licenses
            </Table.Th>
            {header('lastLoginAt', 'Last sign-in')}
            <Table.Th scope="col" visibleFrom={FULL_TABLE_FROM}>
              Last app use
            </Table.Th>
            {header('createdAt', `Created (${viewerTimeZone()})`)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading
            ? Array.from({ length: 6 }, (_, row) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
                <Table.Tr key={row}>
                  <Table.Td />
                  {Array.from({ length: 7 }, (_, column) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
                    <Table.Td key={column} visibleFrom={column === 0 ? undefined : FULL_TABLE_FROM}>
                      <Skeleton height={14} width={column === 0 ? '70%' : '50%'} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : users.map((user) => (
                <UserRow key={user.id} user={user} selected={selection.has(user.id)} onToggle={selection.toggle} />
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
