import { Box, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { type ReactNode, useMemo, useState } from 'react';
import { useWideTableMinWidth, WIDE_FROM } from '../../lib/phone-layout';
import { SortableTh } from '../users/sortable-th';
import { formatCell, type ReportColumn } from './report-column';
import { nextSort, type SortState, sortRows } from './sort-rows';
import type { ServerPaging } from './use-paged-report';

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
  /** Sorted and paged by the server (per-user tables): `rows` are the pages fetched so far. */
  server?: ServerPaging;
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
  server,
}: ReportTableProps<Row>) {
  const [localSort, setLocalSort] = useState<SortState | null>(initialSort ?? null);
  const [limit, setLimit] = useState(PAGE_ROWS);
  const tableMinWidth = useWideTableMinWidth(minWidth);
  const sort = server ? server.sort : localSort;
  const setSort = (next: (current: SortState | null) => SortState) =>
    server ? server.onSort(next(server.sort)) : setLocalSort(next);
  const sorted = useMemo(() => {
    if (server) return [...rows];
    const column = columns.find((item) => item.key === localSort?.column);
    return localSort && column ? sortRows(rows, column.value, column.kind, localSort.order) : [...rows];
  }, [rows, columns, localSort, server]);

  if (rows.length === 0 && empty) return <>{empty}</>;
  const shown = server ? sorted : sorted.slice(0, limit);
  const total = server ? server.total : sorted.length;

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
      {total > shown.length && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Showing {shown.length} of {total} rows. The CSV has them all.
          </Text>
          <Button
            variant="default"
            size="xs"
            loading={server?.loadingMore}
            disabled={server ? !server.hasMore : false}
            onClick={() => (server ? server.onMore() : setLimit((current) => current + PAGE_ROWS))}
          >
            Show more
          </Button>
        </Group>
      )}
    </>
  );
}
