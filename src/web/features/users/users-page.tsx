import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useMemo } from 'react';
import { PageError } from '../../lib/page-error';
import { usePageTitle } from '../../lib/page-title';
import { AddUserModal } from './add-user-modal';
import { useUserListFilters } from './use-user-list-filters';
import { useUsersList } from './use-users-list';
import { UsersEmpty } from './users-empty';
import { UsersFilterBar } from './users-filter-bar';
import { UsersTable } from './users-table';

export function UsersPage() {
  usePageTitle('Users');
  const [filters, updateFilters] = useUserListFilters();
  const [addOpened, addModal] = useDisclosure(false);
  const users = useUsersList(filters);
  const items = useMemo(() => users.data?.pages.flatMap((page) => page.items) ?? [], [users.data]);
  const filtered = Boolean(filters.query || filters.role || filters.status || filters.product);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>Users</Title>
          <Text c="dimmed" size="sm">
            Everyone in your organization, who holds a seat, and when they last signed in or used an app.
          </Text>
        </div>
        <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={addModal.open}>
          Add user
        </Button>
      </Group>

      <UsersFilterBar filters={filters} onChange={updateFilters} />

      {users.isError && !users.isFetchNextPageError ? (
        <PageError error={users.error} title="Could not load users" onRetry={() => users.refetch()} />
      ) : !users.isPending && items.length === 0 ? (
        <UsersEmpty
          filtered={filtered}
          onClearFilters={() => updateFilters({ query: '', role: null, status: null, product: null })}
          onAddUser={addModal.open}
        />
      ) : (
        <UsersTable
          users={items}
          loading={users.isPending}
          sort={filters.sort}
          order={filters.order}
          onSort={(sort, order) => updateFilters({ sort, order })}
        />
      )}

      {users.isFetchNextPageError && <PageError error={users.error} title="Could not load more users" />}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {users.isSuccess && items.length > 0 && (
            <>
              Showing {items.length} {items.length === 1 ? 'user' : 'users'}
              {users.hasNextPage ? ', more available' : ''}
            </>
          )}
        </Text>
        {users.hasNextPage && (
          <Button variant="default" onClick={() => users.fetchNextPage()} loading={users.isFetchingNextPage}>
            Load more
          </Button>
        )}
      </Group>

      <AddUserModal opened={addOpened} onClose={addModal.close} />
    </Stack>
  );
}
