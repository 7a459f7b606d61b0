import { useQuery } from '@tanstack/react-query';
import { fetchReport } from './reports.api';
import type { ReportName, ReportQuery } from './reports.types';
import { reportsKeys } from './reports-query-keys';

/** One report for one query; the last answer of the same report stays on screen while a changed filter loads. */
export function useReport<T>(name: ReportName, query: ReportQuery) {
  return useQuery({
    queryKey: reportsKeys.report(name, query),
    queryFn: ({ signal }) => fetchReport<T>(name, query, signal),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === name ? previous : undefined),
  });
}
