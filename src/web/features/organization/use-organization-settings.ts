import { useQuery } from '@tanstack/react-query';
import { fetchOrganizationSettings } from '../organization/settings.api';
import { settingsKeys } from '../organization/settings-query-keys';

/** The settings; asked again every second while the reports are being recounted (its progress). */
export function useOrganizationSettings(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: settingsKeys.organization,
    queryFn: ({ signal }) => fetchOrganizationSettings(signal),
    enabled: options.enabled ?? true,
    refetchInterval: (query) => (query.state.data?.reportsRecount?.status === 'running' ? 1000 : false),
  });
}
