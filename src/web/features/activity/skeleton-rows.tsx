import { Skeleton, Table } from '@mantine/core';

interface SkeletonRowsProps {
  rows: number;
  columns: number;
  /** The placeholder bar's width in a column, as CSS ("80%"). */
  cellWidth: (column: number) => string;
}

/** A table body's placeholder rows while its first page loads. */
export function SkeletonRows({ rows, columns, cellWidth }: SkeletonRowsProps) {
  return Array.from({ length: rows }, (_, row) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
    <Table.Tr key={row}>
      {Array.from({ length: columns }, (_, column) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
        <Table.Td key={column}>
          <Skeleton height={14} radius="sm" width={cellWidth(column)} />
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}
