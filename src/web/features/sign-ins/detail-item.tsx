import { DataList, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One label and value of a drawer section; an empty value says "Unknown" rather than leaving a gap. */
export function DetailItem({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {empty ? (
          <Text span size="sm" c="dimmed">
            Unknown
          </Text>
        ) : (
          children
        )}
      </DataList.ItemValue>
    </DataList.Item>
  );
}
