import { type UseQueryResult, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchReport } from './reports.api';
import type { ReportName, ReportQuery } from './reports.types';
import { reportsKeys } from './reports-query-keys';
import type { SortState } from './sort-rows';

/** Rows per page of a per-user table (the server answers at most 500). */
export const REPORT_PAGE_ROWS = 100;

interface PagedAnswer<Row> {
  rows: Row[];
  nextCursor: string | null;
  totalRows: number;
}

/** How a table sorted and paged on the server is driven (ReportTable's `server`). */
export interface ServerPaging {
  sort: SortState | null;
  onSort: (sort: SortState) => void;
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
}

/**
 * A report whose per-user table is sorted and paged by the server: the first page comes with
 * the rest of the report (charts, totals); "Show more" fetches the next page of the same sort,
 * a click on a header asks the server for the first page in the new order. The answer looks
 * like the whole report with the pages' rows together.
 */
export function usePagedReport<T extends PagedAnswer<Row>, Row = T['rows'][number]>(
  name: ReportName,
  query: ReportQuery,
): { report: UseQueryResult<T>; paging: ServerPaging } {
  const [sort, setSort] = useState<SortState | null>(null);
  const paged = { ...query, sort: sort?.column, order: sort?.order, limit: REPORT_PAGE_ROWS };
  const pages = useInfiniteQuery({
    queryKey: [...reportsKeys.report(name, query), 'paged', sort],
    queryFn: ({ pageParam, signal }) => fetchReport<T>(name, { ...paged, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
  });
  const first = pages.data?.pages[0];
  const data = first ? { ...first, rows: pages.data?.pages.flatMap((page) => page.rows) ?? [] } : undefined;
  return {
    report: { ...pages, data } as unknown as UseQueryResult<T>,
    paging: {
      sort,
      onSort: setSort,
      total: first?.totalRows ?? 0,
      hasMore: pages.hasNextPage,
      loadingMore: pages.isFetchingNextPage,
      onMore: () => void pages.fetchNextPage(),
    },
  };
}
