import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { User } from '../../../contract/users';
import { searchActiveUsers } from '../users/users.api';
import { usersKeys } from '../users/users-query-keys';

const SEARCH_DEBOUNCE_MS = 250;

const optionLabel = (user: Pick<User, 'name' | 'email'>) => `${user.name} (${user.email})`;

interface AssignableUserSelectProps {
  /** Users who already hold this seat; not offered. */
  holderIds: ReadonlySet<string>;
  value: User | null;
  onChange: (user: User | null) => void;
  disabled?: boolean;
  error?: string;
  /** Shown under the label: why it is disabled, or what to do. */
  description?: string;
  label?: string;
}

/** Active users without this seat, searched on the server by name or email as one types. */
export function AssignableUserSelect({
  holderIds,
  value,
  onChange,
  disabled,
  error,
  description,
  label = 'Person',
}: AssignableUserSelectProps) {
  const [search, setSearch] = useState('');
  // Picking an option writes its label into the search box; that is not a new search.
  const typed = value && search === optionLabel(value) ? '' : search.trim();
  const [query] = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  const users = useQuery({
    queryKey: [...usersKeys.all, 'assignable', query],
    queryFn: ({ signal }) => searchActiveUsers(query, signal),
    placeholderData: keepPreviousData,
    enabled: !disabled,
  });

  const candidates = useMemo(() => {
    const found: User[] = (users.data?.items ?? []).filter((user) => !holderIds.has(user.id));
    if (value && !found.some((user) => user.id === value.id)) found.unshift(value);
    return found;
  }, [users.data, holderIds, value]);
  const data = useMemo(() => candidates.map((user) => ({ value: user.id, label: optionLabel(user) })), [candidates]);

  return (
    <Select
      label={label}
      placeholder="Search by name or email"
      data={data}
      value={value?.id ?? null}
      onChange={(id) => onChange(candidates.find((user) => user.id === id) ?? null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      clearable
      disabled={disabled}
      error={error ?? (users.isError ? 'Could not load users' : undefined)}
      nothingFoundMessage={users.isFetching ? 'Searching…' : 'No active user without this seat matches'}
      description={description}
      w={{ base: '100%', xs: 360 }}
      comboboxProps={{ position: 'bottom-start' }}
    />
  );
}
