import { useQuery } from '@tanstack/react-query';
import { listSubscriptions } from './subscriptions.api';
import { subscriptionsKeys } from './subscriptions-query-keys';

export function useSubscriptions() {
  return useQuery({
    queryKey: subscriptionsKeys.list(),
    queryFn: ({ signal }) => listSubscriptions(signal),
    select: (page) => page.items,
  });
}
