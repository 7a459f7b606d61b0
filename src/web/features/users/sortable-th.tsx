import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { SortOrder } from './users.types';

interface SortableThProps {
  children: ReactNode;
  /** This column's order when it is the sorted one, else null. */
  active: SortOrder | null;
  onSort: () => void;
  /** Right-aligned, for numbers. */
  numeric?: boolean;
  /** Shown only from this breakpoint up (a column hidden on phones). */
  visibleFrom?: string;
}

/** A column header button; `aria-sort` tells assistive technology which way the list is sorted. */
export function SortableTh({ children, active, onSort, numeric = false, visibleFrom }: SortableThProps) {
  const Icon = active === 'asc' ? IconArrowUp : active === 'desc' ? IconArrowDown : IconSelector;
  return (
    <Table.Th
      scope="col"
      visibleFrom={visibleFrom}
      ta={numeric ? 'right' : undefined}
      aria-sort={active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : 'none'}
    >
      <UnstyledButton onClick={onSort} style={{ borderRadius: 4 }}>
        <Group gap={4} wrap="nowrap" justify={numeric ? 'flex-end' : undefined}>
          <Text fw={700} size="sm" span style={{ whiteSpace: 'nowrap' }}>
            {children}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
