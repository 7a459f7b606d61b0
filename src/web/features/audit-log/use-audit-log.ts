import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { QueryValue } from '../../lib/api';
import { fetchAuditLogPage, fetchOwners } from './audit-log.api';

export function useAuditLog(query: Record<string, QueryValue>) {
  return useInfiniteQuery({
    queryKey: ['audit-log', 'list', query],
    queryFn: ({ pageParam, signal }) => fetchAuditLogPage(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useOwners() {
  return useQuery({ queryKey: ['users', 'owners'], queryFn: ({ signal }) => fetchOwners(signal) });
}
