import { useQuery } from '@tanstack/react-query';
import { fetchUser } from './users.api';
import { usersKeys } from './users-query-keys';

export function useUser(id: string) {
  return useQuery({ queryKey: usersKeys.detail(id), queryFn: ({ signal }) => fetchUser(id, signal) });
}
