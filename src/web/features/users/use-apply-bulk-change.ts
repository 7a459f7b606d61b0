import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useInvalidateSeats } from '../subscriptions/use-invalidate-seats';
import { usersKeys } from './users-query-keys';

/** After a bulk action: every user's page, the lists, seats, licenses, the overview and the reports fetch again. */
export function useApplyBulkChange() {
  const queryClient = useQueryClient();
  const invalidateSeats = useInvalidateSeats();
  return useCallback(() => {
    invalidateSeats();
    void queryClient.invalidateQueries({ queryKey: usersKeys.all });
  }, [queryClient, invalidateSeats]);
}
