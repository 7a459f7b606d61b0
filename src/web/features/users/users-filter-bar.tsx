import { Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { Role } from '../../../contract/auth';
import { ProductSelect } from '../products/product-select';
import type { UserListFilters, UserStatusFilter } from './users.types';

const roleOptions: { value: Role; label: string }[] = [
  { value: 'owner', label: 'Owner' },
  { value: 'member', label: 'Member' },
];

const statusOptions: { value: UserStatusFilter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'invited', label: 'Invitation pending' },
  { value: 'deactivated', label: 'Deactivated' },
];

const SEARCH_DEBOUNCE_MS = 300;

interface UsersFilterBarProps {
  filters: UserListFilters;
  onChange: (patch: Partial<UserListFilters>) => void;
}

export function UsersFilterBar({ filters, onChange }: UsersFilterBarProps) {
  const [search, setSearch] = useState(filters.query);
  const [debounced] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  // The query last written to (or read from) the URL, so typing and outside changes do not undo each other.
  const synced = useRef(filters.query);

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

  return (
    <Group align="flex-end" gap="sm" role="search" aria-label="Filter users">
      <TextInput
        label="Search"
        placeholder="Name or email"
        type="search"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        w={{ base: '100%', xs: 280 }}
      />
      <Select<Role>
        label="Role"
        placeholder="Any role"
        data={roleOptions}
        value={filters.role}
        onChange={(role) => onChange({ role })}
        clearable
        w={150}
      />
      <Select<UserStatusFilter>
        label="Status"
        placeholder="Any status"
        data={statusOptions}
        value={filters.status}
        onChange={(status) => onChange({ status })}
        clearable
        w={190}
      />
      <ProductSelect
        label="Product"
        placeholder="Any product"
        value={filters.product}
        onChange={(product) => onChange({ product })}
      />
    </Group>
  );
}
