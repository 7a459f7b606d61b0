import { IconLogin2 } from '@tabler/icons-react';
import { FilterableEmptyState } from '../../lib/filterable-empty-state';

interface SignInsEmptyProps {
  filtered: boolean;
  onClearFilters: () => void;
}

export function SignInsEmpty({ filtered, onClearFilters }: SignInsEmptyProps) {
  return (
    <FilterableEmptyState
      icon={<IconLogin2 aria-hidden />}
      filtered={filtered}
      title={filtered ? 'No sign-in matches these filters' : 'No sign-ins yet'}
      description={
        filtered
          ? 'Try a wider date range, a wider network or fewer filters.'
          : 'Every attempt to sign in to this console or your apps, successful or not, will be listed here.'
      }
      onClearFilters={onClearFilters}
    />
  );
}
