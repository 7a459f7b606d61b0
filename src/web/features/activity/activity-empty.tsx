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
      title={filtered ? 'No activity matches these filters' : 'No activity yet'}
      description={
        filtered
          ? 'Try a wider date range or fewer filters.'
          : 'Every sign-in attempt, successful or not, and every app session will be listed here.'
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
