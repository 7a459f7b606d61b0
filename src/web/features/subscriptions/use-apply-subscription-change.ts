import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { licensesKeys } from '../licenses/licenses-query-keys';
import type { Subscription } from './subscriptions.types';
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
