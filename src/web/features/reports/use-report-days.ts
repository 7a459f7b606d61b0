import type { ReportName, ReportQuery } from './reports.types';
import { useReport } from './use-report';

/** The thresholds a report counts with, in days. */
export interface ReportDays {
  days?: number;
  usedWithinDays?: number;
}

/**
 * The URL's days, or where it names none the organization's setting, which the answer carries (undefined until it
 * arrives). Observes the view's own query (same key), so it costs no second request.
 */
export function useReportDays(name: ReportName, query: ReportQuery): ReportDays {
  const report = useReport<ReportDays>(name, query);
  return {
    days: query.days ?? report.data?.days,
    usedWithinDays: query.usedWithinDays ?? report.data?.usedWithinDays,
  };
}
