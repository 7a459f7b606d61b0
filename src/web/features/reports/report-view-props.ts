import type { ReportQuery } from './reports.types';

/** What every report view gets from its page: the query the URL describes. */
export interface ReportViewProps {
  query: ReportQuery;
}
