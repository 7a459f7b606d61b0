import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { PageError } from '../../lib/page-error';
import { usePageTitle } from '../../lib/page-title';
import { ShownCount } from '../../lib/shown-count';
import { AddUserModal } from './add-user-modal';
import { type BulkAction, BulkActionBar } from './bulk-action-bar';
import { BulkAssignSeatModal } from './bulk-assign-seat-modal';
import { BulkDeactivateModal } from './bulk-deactivate-modal';
import { BulkUnassignSeatModal } from './bulk-unassign-seat-modal';
import { ImportUsersModal } from './import-users-modal';
import { useUserListFilters } from './use-user-list-filters';
import { useUserSelection } from './use-user-selection';
import { useUsersList } from './use-users-list';
import { UsersEmpty } from './users-empty';
import { UsersFilterBar } from './users-filter-bar';
import { UsersTable } from './users-table';

type Dialog = 'add' | 'import' | BulkAction;

export function UsersPage() {
  usePageTitle('Users');
  const [filters, updateFilters] = useUserListFilters();
  // One dialog at a time, mounted only while open (each may guard unsaved edits; the router allows one guard).
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const users = useUsersList(filters);
  const items = useMemo(() => users.data?.pages.flatMap((page) => page.items) ?? [], [users.data]);
  const filtered = Boolean(filters.query || filters.role || filters.status || filters.product || filters.lastActive);
  const selection = useUserSelection();
  const close = () => setDialog(null);
  const done = () => {
    setDialog(null);
    selection.clear();
  };

  // Users who no longer match the filters (another filter, or an action moved them) leave the selection,
  // so an action never reaches someone the owner cannot see.
  const { retain } = selection;
  useEffect(() => {
    if (users.isSuccess) retain(items);
  }, [users.isSuccess, items, retain]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Users</Title>
          <Text c="dimmed" size="sm">
            Everyone in your organization, who holds a seat, and when they last signed in or used an app.
          </Text>
        </div>
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
            onClick={() => setDialog('import')}
          >
            Import CSV
          </Button>
          <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setDialog('add')}>
            Add user
          </Button>
        </Group>
      </Group>

      <UsersFilterBar filters={filters} onChange={updateFilters} />

      {users.isError && !users.isFetchNextPageError ? (
        <PageError error={users.error} title="Could not load users" onRetry={() => users.refetch()} />
      ) : !users.isPending && items.length === 0 ? (
        <UsersEmpty
          filtered={filtered}
          onClearFilters={() => updateFilters({ query: '', role: null, status: null, product: null, lastActive: null })}
          onAddUser={() => setDialog('add')}
        />
      ) : (
        <UsersTable
          users={items}
          loading={users.isPending}
          sort={filters.sort}
          order={filters.order}
          onSort={(sort, order) => updateFilters({ sort, order })}
          selection={selection}
        />
      )}

      {users.isFetchNextPageError && <PageError error={users.error} title="Could not load more users" />}
      <Group justify="space-between">
        <ShownCount
          loaded={users.isSuccess}
          count={items.length}
          singular="user"
          plural="users"
          more={users.hasNextPage}
        />
        {users.hasNextPage && (
          <Button variant="default" onClick={() => users.fetchNextPage()} loading={users.isFetchingNextPage}>
            Load more
          </Button>
        )}
      </Group>

      {selection.ids.length > 0 && (
        <BulkActionBar userIds={selection.ids} onAction={setDialog} onClear={selection.clear} />
      )}

      {dialog === 'add' && <AddUserModal onClose={close} />}
      {dialog === 'import' && <ImportUsersModal onClose={close} />}
      {dialog === 'assign' && <BulkAssignSeatModal users={selection.users} onClose={close} onDone={done} />}
      {dialog === 'unassign' && <BulkUnassignSeatModal users={selection.users} onClose={close} onDone={done} />}
      {dialog === 'deactivate' && <BulkDeactivateModal users={selection.users} onClose={close} onDone={done} />}
    </Stack>
  );
}
