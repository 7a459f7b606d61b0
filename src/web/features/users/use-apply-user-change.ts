import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { User } from '../../../contract/users';
import { overviewKeys } from '../overview/overview-query-keys';
import { reportsKeys } from '../reports/reports-query-keys';
import { usersKeys } from './users-query-keys';

/** After a change to one user: show the server's answer at once and let every list, report and the overview fetch again. */
export function useApplyUserChange() {
  const queryClient = useQueryClient();
  return useCallback(
    (user: User) => {
      queryClient.setQueryData(usersKeys.detail(user.id), user);
      void queryClient.invalidateQueries({ queryKey: usersKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: overviewKeys.all });
      void queryClient.invalidateQueries({ queryKey: reportsKeys.all });
    },
    [queryClient],
  );
}
