import { Box, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { type ReactNode, useMemo, useState } from 'react';
import { useWideTableMinWidth, WIDE_FROM } from '../../lib/phone-layout';
import { SortableTh } from '../users/sortable-th';
import { formatCell, type ReportColumn } from './report-column';
import { nextSort, type SortState, sortRows } from './sort-rows';

/** Rows shown at first and added per "Show more": a report of every user can be long. */
const PAGE_ROWS = 100;

interface ReportTableProps<Row> {
  /** Names the table for assistive technology. */
  label: string;
  rows: readonly Row[];
  columns: ReportColumn<Row>[];
  rowKey: (row: Row) => string;
  /** The server's order is kept until a header is clicked, unless this says otherwise. */
  initialSort?: SortState;
  minWidth?: number;
  /** Shown instead of an empty table. */
  empty?: ReactNode;
}

/** A report's rows, sorted in the browser by clicking a column header (numbers and times as such). */
export function ReportTable<Row>({
  label,
  rows,
  columns,
  rowKey,
  initialSort,
  minWidth = 720,
  empty,
}: ReportTableProps<Row>) {
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  const [limit, setLimit] = useState(PAGE_ROWS);
  const tableMinWidth = useWideTableMinWidth(minWidth);
  const sorted = useMemo(() => {
    const column = columns.find((item) => item.key === sort?.column);
    return sort && column ? sortRows(rows, column.value, column.kind, sort.order) : [...rows];
  }, [rows, columns, sort]);

  if (rows.length === 0 && empty) return <>{empty}</>;
  const shown = sorted.slice(0, limit);

  return (
    <>
      <Table.ScrollContainer minWidth={tableMinWidth}>
        <Table verticalSpacing="xs" highlightOnHover striped aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) =>
                column.sortable === false ? (
                  <Table.Th key={column.key} scope="col" visibleFrom={column.secondary ? WIDE_FROM : undefined}>
                    {column.hiddenLabel ? <VisuallyHidden>{column.label}</VisuallyHidden> : column.label}
                  </Table.Th>
                ) : (
                  <SortableTh
                    key={column.key}
                    numeric={column.kind === 'number'}
                    visibleFrom={column.secondary ? WIDE_FROM : undefined}
                    active={sort?.column === column.key ? sort.order : null}
                    onSort={() => setSort((current) => nextSort(current, column.key, column.kind))}
                  >
                    {column.label}
                  </SortableTh>
                ),
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={rowKey(row)}>
                {columns.map((column) => (
                  <Table.Td
                    key={column.key}
                    visibleFrom={column.secondary ? WIDE_FROM : undefined}
                    ta={column.kind === 'number' ? 'right' : undefined}
                    style={{
                      whiteSpace: column.wrap ? undefined : 'nowrap',
                      fontVariantNumeric: column.kind === 'number' ? 'tabular-nums' : undefined,
                    }}
                  >
                    {column.render ? (
                      column.kind === 'number' || column.wrap ? (
                        column.render(row)
                      ) : (
                        // Badges shrink to an ellipsis in a tight table; this keeps them whole.
                        <Box w="max-content">{column.render(row)}</Box>
                      )
                    ) : (
                      formatCell(column.value(row), column.kind)
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {sorted.length > shown.length && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Showing {shown.length} of {sorted.length} rows. The CSV has them all.
          </Text>
          <Button variant="default" size="xs" onClick={() => setLimit((current) => current + PAGE_ROWS)}>
            Show more
          </Button>
        </Group>
      )}
    </>
  );
}
