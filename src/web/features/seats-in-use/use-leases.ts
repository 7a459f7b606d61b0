import { useInfiniteQuery } from '@tanstack/react-query';
import { listLeases, seatsInUseKeys } from './seats-in-use.api';

/** How often the page asks again (ms): heartbeats come every minute, so a quarter of that keeps it current. */
export const LEASES_REFRESH_MS = 15_000;

/** The subscription's live leases, every loaded page refreshed every 15 s while the page is open. */
export function useLeases(subscriptionId: string) {
  return useInfiniteQuery({
    queryKey: seatsInUseKeys.leases(subscriptionId),
    queryFn: ({ pageParam, signal }) => listLeases(subscriptionId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: LEASES_REFRESH_MS,
  });
}
