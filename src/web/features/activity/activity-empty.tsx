import { IconHistory } from '@tabler/icons-react';
import { FilterableEmptyState } from '../../lib/filterable-empty-state';

interface ActivityEmptyProps {
  filtered: boolean;
  onClearFilters: () => void;
}

export function ActivityEmpty({ filtered, onClearFilters }: ActivityEmptyProps) {
  return (
    <FilterableEmptyState
      icon={<IconHistory aria-hidden />}
      filtered={filtered}
      title={filtered ? 'No activity matches these filters' : 'No activity yet'}
      description={
        filtered
          ? 'Try a wider date range or fewer filters.'
          : 'Every sign-in attempt, successful or not, and every app session will be listed here.'
      }
      onClearFilters={onClearFilters}
    />
  );
}
