import { Button, EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

interface FilterableEmptyStateProps {
  icon: ReactNode;
  /** Whether filters hid everything: then a "Clear filters" button shows. */
  filtered: boolean;
  title: string;
  description: string;
  onClearFilters: () => void;
}

/** An empty list that may be empty only because of its filters. */
export function FilterableEmptyState({
  icon,
  filtered,
  title,
  description,
  onClearFilters,
}: FilterableEmptyStateProps) {
  return (
    <EmptyState icon={icon} title={title} description={description} py="xl">
      {filtered && (
        <Button variant="light" onClick={onClearFilters}>
          Clear filters
        </Button>
      )}
    </EmptyState>
  );
}
