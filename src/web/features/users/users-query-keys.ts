import type { UserListFilters } from './users.types';

export const usersKeys = {
  all: ['users'] as const,
  lists: () => [...usersKeys.all, 'list'] as const,
  list: (filters: UserListFilters) => [...usersKeys.lists(), filters] as const,
  detail: (id: string) => [...usersKeys.all, 'detail', id] as const,
  releasedSeats: (id: string) => [...usersKeys.all, 'released-seats', id] as const,
};
