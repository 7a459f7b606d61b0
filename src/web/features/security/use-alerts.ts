import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { QueryValue } from '../../lib/api';
import { fetchAlertsPage } from './alerts.api';
import { alertsKeys } from './security-query-keys';

export function useAlerts(query: Record<string, QueryValue>) {
  return useInfiniteQuery({
    queryKey: alertsKeys.list(query),
    queryFn: ({ pageParam, signal }) => fetchAlertsPage(query, pageParam, undefined, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/** How often the navigation's badge asks again, ms: a new alert shows within a minute without a reload. */
const OPEN_COUNT_REFRESH_MS = 60_000;

/** Open alerts of the organization, for the navigation's badge; owners only (`enabled`). */
export function useOpenAlertCount(enabled: boolean) {
  return useQuery({
    queryKey: alertsKeys.openCount,
    queryFn: ({ signal }) => fetchAlertsPage({ status: 'open' }, null, 1, signal),
    select: (page) => page.counts.open,
    enabled,
    refetchInterval: OPEN_COUNT_REFRESH_MS,
    retry: false,
  });
}
