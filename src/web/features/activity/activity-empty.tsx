import { Button, EmptyState } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';

interface ActivityEmptyProps {
  filtered: boolean;
  onClearFilters: () => void;
}

export function ActivityEmpty({ filtered, onClearFilters }: ActivityEmptyProps) {
  return (
    <EmptyState
      icon={<IconHistory aria-hidden />}
      title={filtered ? 'No sign-in attempts match these filters' : 'No sign-in attempts yet'}
      description={
        filtered
          ? 'Try a wider date range or fewer filters.'
          : 'Every sign-in attempt, successful or not, will be listed here.'
      }
      py="xl"
    >
      {filtered && (
        <Button variant="light" onClick={onClearFilters}>
          Clear filters
        </Button>
      )}
    </EmptyState>
  );
}
