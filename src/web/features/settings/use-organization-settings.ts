import { useQuery } from '@tanstack/react-query';
import { fetchOrganizationSettings } from './settings.api';
import { settingsKeys } from './settings-query-keys';

export function useOrganizationSettings() {
  return useQuery({ queryKey: settingsKeys.organization, queryFn: ({ signal }) => fetchOrganizationSettings(signal) });
}
