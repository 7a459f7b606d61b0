import { useInfiniteQuery } from '@tanstack/react-query';
import type { QueryValue } from '../../lib/api';
import { fetchActivityPage } from './activity.api';

export function useActivity(path: string, query: Record<string, QueryValue>) {
  return useInfiniteQuery({
    queryKey: ['activity', path, query],
    queryFn: ({ pageParam, signal }) => fetchActivityPage(path, query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
