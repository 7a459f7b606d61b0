import { Button, Collapse, Group, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { Role } from '../../../contract/auth';
import { ProductSelect } from '../products/product-select';
import { LastActiveSelect } from './last-active-select';
import type { UserListFilters, UserSort, UserStatusFilter } from './users.types';
import { firstOrder } from './users-table';
import { FULL_TABLE_FROM } from './users-table-layout';

const roleOptions: { value: Role; label: string }[] = [
  { value: 'owner', label: 'Owner' },
  { value: 'member', label: 'Member' },
];

const statusOptions: { value: UserStatusFilter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'invited', label: 'Invitation pending' },
  { value: 'deactivated', label: 'Deactivated' },
];

const sortOptions: { value: UserSort; label: string }[] = [
  { value: 'lastLoginAt', label: 'Last sign-in, newest first' },
  { value: 'name', label: 'Name, A to Z' },
  { value: 'email', label: 'Email, A to Z' },
  { value: 'createdAt', label: 'Created, newest first' },
];

const SEARCH_DEBOUNCE_MS = 300;

interface UsersFilterBarProps {
  filters: UserListFilters;
  onChange: (patch: Partial<UserListFilters>) => void;
}

/** Search stays in view; on phones the other filters sit behind a "Filters" button (open when one is set). */
export function UsersFilterBar({ filters, onChange }: UsersFilterBarProps) {
  const [search, setSearch] = useState(filters.query);
  const [debounced] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  // The query last written to (or read from) the URL, so typing and outside changes do not undo each other.
  const synced = useRef(filters.query);
  const active = [filters.role, filters.status, filters.product, filters.lastActive].filter(Boolean).length;
  const [moreOpened, more] = useDisclosure(false);

  useEffect(() => {
    if (debounced === synced.current) return;
    synced.current = debounced;
    onChange({ query: debounced });
  }, [debounced, onChange]);

  // Follow the URL when it changes from elsewhere: "Clear filters", the back button.
  useEffect(() => {
    if (filters.query === synced.current) return;
    synced.current = filters.query;
    setSearch(filters.query);
  }, [filters.query]);

  const otherFilters = (
    <>
      <Select<Role>
        label="Role"
        placeholder="Any role"
        data={roleOptions}
        value={filters.role}
        onChange={(role) => onChange({ role })}
        clearable
        clearButtonProps={{ 'aria-label': 'Any role' }}
        w={{ base: '100%', xs: 150 }}
      />
      <Select<UserStatusFilter>
        label="Status"
        placeholder="Any status"
        data={statusOptions}
        value={filters.status}
        onChange={(status) => onChange({ status })}
        clearable
        clearButtonProps={{ 'aria-label': 'Any status' }}
        w={{ base: '100%', xs: 190 }}
      />
      <ProductSelect
        label="Product"
        placeholder="Any product"
        value={filters.product}
        onChange={(product) => onChange({ product })}
      />
      <LastActiveSelect value={filters.lastActive} onChange={(lastActive) => onChange({ lastActive })} />
      {/* The table's headers sort on wide screens; folded rows have none, so the order is chosen here. */}
      <Select<UserSort>
        label="Sort by"
        data={sortOptions}
        value={filters.sort}
        onChange={(sort) => sort && onChange({ sort, order: firstOrder[sort] })}
        allowDeselect={false}
        hiddenFrom={FULL_TABLE_FROM}
        w={{ base: '100%', xs: 230 }}
      />
    </>
  );

  return (
    <Stack gap="xs" role="search" aria-label="Filter users">
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Search"
          placeholder="Name or email"
          type="search"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={{ base: '100%', xs: 280 }}
        />
        <Group visibleFrom="sm" align="flex-end" gap="sm">
          {otherFilters}
        </Group>
        <Button
          hiddenFrom="sm"
          variant="default"
          leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
          onClick={more.toggle}
          aria-expanded={moreOpened}
          aria-controls="users-more-filters"
        >
          Filters{active > 0 ? ` (${active})` : ''}
        </Button>
      </Group>
      <Collapse expanded={moreOpened} hiddenFrom="sm" id="users-more-filters">
        <Stack gap="sm">{otherFilters}</Stack>
      </Collapse>
    </Stack>
  );
}
