import { useQuery } from '@tanstack/react-query';
import { listMyLicenses } from './licenses.api';
import { licensesKeys } from './licenses-query-keys';

export function useMyLicenses() {
  return useQuery({
    queryKey: licensesKeys.mine(),
    queryFn: ({ signal }) => listMyLicenses(signal),
    select: (page) => page.items,
  });
}
