import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { licensesKeys } from '../licenses/licenses-query-keys';
import { overviewKeys } from '../overview/overview-query-keys';
import { reportsKeys } from '../reports/reports-query-keys';
import { usersKeys } from '../users/users-query-keys';
import { subscriptionsKeys } from './subscriptions-query-keys';

/**
 * After a seat was assigned or freed (here, or by deactivating its holder): seat counts, holders, licenses and
 * the users list's product filter, the overview and the reports may all have changed, so they fetch again.
 */
export function useInvalidateSeats() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: subscriptionsKeys.all });
    void queryClient.invalidateQueries({ queryKey: licensesKeys.all });
    void queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: overviewKeys.all });
    void queryClient.invalidateQueries({ queryKey: reportsKeys.all });
  }, [queryClient]);
}
