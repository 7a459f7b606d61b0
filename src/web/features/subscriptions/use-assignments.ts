import { useQuery } from '@tanstack/react-query';
import { listAssignments } from './subscriptions.api';
import { subscriptionsKeys } from './subscriptions-query-keys';

export function useAssignments(subscriptionId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: subscriptionsKeys.assignments(subscriptionId),
    queryFn: ({ signal }) => listAssignments(subscriptionId, signal),
    select: (page) => page.items,
    enabled: options.enabled ?? true,
  });
}
