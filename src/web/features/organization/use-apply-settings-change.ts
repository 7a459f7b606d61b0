import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { OrganizationSettings } from '../../../contract/organization';
import { meQueryKey } from '../auth/use-me';
import { settingsKeys } from '../organization/settings-query-keys';
import { overviewKeys } from '../overview/overview-query-keys';
import { reportsKeys } from '../reports/reports-query-keys';

/**
 * After the settings changed: show the server's answer at once; the overview and the reports (their thresholds and
 * days) and the session (the organization's name and zone in the header and the date pickers) fetch again.
 */
export function useApplySettingsChange() {
  const queryClient = useQueryClient();
  return useCallback(
    (settings: OrganizationSettings) => {
      queryClient.setQueryData(settingsKeys.organization, settings);
      void queryClient.invalidateQueries({ queryKey: overviewKeys.all });
      void queryClient.invalidateQueries({ queryKey: reportsKeys.all });
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    [queryClient],
  );
}
