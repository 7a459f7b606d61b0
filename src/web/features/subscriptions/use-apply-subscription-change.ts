import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Subscription } from '../../../contract/subscriptions';
import { licensesKeys } from '../licenses/licenses-query-keys';
import { subscriptionsKeys } from './subscriptions-query-keys';

/** After a change to one subscription: show the server's answer at once and let the list and licenses refetch. */
export function useApplySubscriptionChange() {
  const queryClient = useQueryClient();
  return useCallback(
    (subscription: Subscription) => {
      queryClient.setQueryData(subscriptionsKeys.detail(subscription.id), subscription);
      void queryClient.invalidateQueries({ queryKey: subscriptionsKeys.list() });
      void queryClient.invalidateQueries({ queryKey: licensesKeys.all });
    },
    [queryClient],
  );
}
