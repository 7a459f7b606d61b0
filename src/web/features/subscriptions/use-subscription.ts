import { useQuery } from '@tanstack/react-query';
import { fetchSubscription } from './subscriptions.api';
import { subscriptionsKeys } from './subscriptions-query-keys';

export function useSubscription(id: string) {
  return useQuery({ queryKey: subscriptionsKeys.detail(id), queryFn: ({ signal }) => fetchSubscription(id, signal) });
}
