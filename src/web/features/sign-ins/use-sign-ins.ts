import { useInfiniteQuery } from '@tanstack/react-query';
import type { QueryValue } from '../../lib/api';
import { fetchSignInsPage } from './sign-ins.api';

export function useSignIns(query: Record<string, QueryValue>) {
  return useInfiniteQuery({
    queryKey: ['sign-ins', 'list', query],
    queryFn: ({ pageParam, signal }) => fetchSignInsPage(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
