import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { User } from '../../../contract/users';
import { fetchUser } from '../users/users.api';
import { usersKeys } from '../users/users-query-keys';
import { searchUsers } from './sign-ins.api';

const SEARCH_DEBOUNCE_MS = 250;

const optionLabel = (user: Pick<User, 'name' | 'email'>) => `${user.name} (${user.email})`;

interface UserFilterSelectProps {
  /** A user id, or null for everyone. */
  value: string | null;
  onChange: (id: string | null) => void;
  w?: number | string;
}

/** Anyone in the organization, active or not, searched on the server by name or email as one types. */
export function UserFilterSelect({ value, onChange, w }: UserFilterSelectProps) {
  const [search, setSearch] = useState('');
  // The chosen user by id, so a shared link shows a name and not an id.
  const chosen = useQuery({
    queryKey: usersKeys.detail(value ?? ''),
    queryFn: ({ signal }) => fetchUser(value ?? '', signal),
    enabled: Boolean(value),
    staleTime: 5 * 60_000,
  });
  const chosenUser = value && chosen.data?.id === value ? chosen.data : null;
  // Picking an option writes its label into the search box; that is not a new search.
  const typed = chosenUser && search === optionLabel(chosenUser) ? '' : search.trim();
  const [query] = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  const found = useQuery({
    queryKey: ['sign-ins', 'user-search', query],
    queryFn: ({ signal }) => searchUsers(query, signal),
    placeholderData: keepPreviousData,
  });

  const data = useMemo(() => {
    const options = (found.data?.items ?? []).map((user) => ({ value: user.id, label: optionLabel(user) }));
    if (value && !options.some((option) => option.value === value)) {
      options.unshift({ value, label: chosenUser ? optionLabel(chosenUser) : chosen.isError ? 'Unknown user' : '…' });
    }
    return options;
  }, [found.data, value, chosenUser, chosen.isError]);

  return (
    <Select
      label="User"
      placeholder="Anyone"
      data={data}
      value={value}
      onChange={(id) => {
        onChange(id);
        if (!id) setSearch('');
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      clearable
      filter={({ options }) => options}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'No user matches'}
      error={found.isError ? 'Could not load users' : undefined}
      w={w}
      comboboxProps={{ position: 'bottom-start', width: 320 }}
    />
  );
}
