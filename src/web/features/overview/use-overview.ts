import { useQuery } from '@tanstack/react-query';
import { fetchOverview } from './overview.api';
import { overviewKeys } from './overview-query-keys';

export function useOverview() {
  return useQuery({ queryKey: overviewKeys.all, queryFn: ({ signal }) => fetchOverview(signal) });
}
