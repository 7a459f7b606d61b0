import { useQuery } from '@tanstack/react-query';
import { listReleasedSeats } from './users.api';
import { usersKeys } from './users-query-keys';

/** The seats a deactivated user's deactivation freed (what reactivating can give back). */
export function useReleasedSeats(userId: string, options: { enabled: boolean }) {
  return useQuery({
    queryKey: usersKeys.releasedSeats(userId),
    queryFn: ({ signal }) => listReleasedSeats(userId, signal),
    select: (page) => page.items,
    enabled: options.enabled,
  });
}
