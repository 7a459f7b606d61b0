import { Button, Collapse, Group, Stack } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { type ReactNode, useId } from 'react';

interface FoldedFiltersProps {
  /** The search landmark's name ("Filter activity"). */
  label: string;
  /** Kept by the caller, so the panel stays as it was when the window crosses the phone breakpoint and back. */
  opened: boolean;
  onToggle: () => void;
  /** The toggle's text, saying whether any filter is set. */
  toggleLabel: ReactNode;
  toggleRightSection?: ReactNode;
  /** Shown beside the toggle (a "Clear filters" button). */
  aside?: ReactNode;
  /** The fields, each the full width. */
  children: ReactNode;
}

/** Phones: filters folded behind a "Filters" button, stacked in a panel below it. */
export function FoldedFilters({
  label,
  opened,
  onToggle,
  toggleLabel,
  toggleRightSection,
  aside,
  children,
}: FoldedFiltersProps) {
  const panelId = useId();
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Button
          variant="default"
          leftSection={<IconFilter size={16} aria-hidden />}
          rightSection={toggleRightSection}
          onClick={onToggle}
          aria-expanded={opened}
          aria-controls={panelId}
        >
          {toggleLabel}
        </Button>
        {aside}
      </Group>
      <Collapse expanded={opened} id={panelId}>
        <Stack gap="sm" role="search" aria-label={label} pb="sm">
          {children}
        </Stack>
      </Collapse>
    </Stack>
  );
}
