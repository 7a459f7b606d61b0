import { useInfiniteQuery } from '@tanstack/react-query';
import { listUsers } from './users.api';
import type { UserListFilters } from './users.types';
import { usersKeys } from './users-query-keys';

export function useUsersList(filters: UserListFilters) {
  return useInfiniteQuery({
    queryKey: usersKeys.list(filters),
    queryFn: ({ pageParam, signal }) => listUsers(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
