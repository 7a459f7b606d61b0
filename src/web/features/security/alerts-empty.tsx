import { IconShieldCheck } from '@tabler/icons-react';
import { FilterableEmptyState } from '../../lib/filterable-empty-state';
import type { StatusTab } from './alert-filters';
import { WATCHED_SUMMARY } from './alert-labels';

interface AlertsEmptyProps {
  status: StatusTab;
  filtered: boolean;
  onClearFilters: () => void;
}

export function AlertsEmpty({ status, filtered, onClearFilters }: AlertsEmptyProps) {
  const title = filtered
    ? 'No alert matches these filters'
    : status === 'open'
      ? 'No open alerts'
      : status === 'all'
        ? 'No alerts yet'
        : `No ${status} alerts`;
  return (
    <FilterableEmptyState
      icon={<IconShieldCheck aria-hidden />}
      filtered={filtered}
      title={title}
      description={filtered ? 'Try another kind, severity or user.' : WATCHED_SUMMARY}
      onClearFilters={onClearFilters}
    />
  );
}
