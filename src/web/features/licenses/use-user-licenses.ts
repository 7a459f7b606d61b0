import { useQuery } from '@tanstack/react-query';
import { listUserLicenses } from './licenses.api';
import { licensesKeys } from './licenses-query-keys';

export function useUserLicenses(userId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: licensesKeys.user(userId),
    queryFn: ({ signal }) => listUserLicenses(userId, signal),
    select: (page) => page.items,
    enabled: options.enabled ?? true,
  });
}
