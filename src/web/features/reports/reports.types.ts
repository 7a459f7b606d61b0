import type { LicensesQuery, RangeQuery, ThresholdQuery } from '../../../contract/reports';

export type ReportName =
  | 'logins'
  | 'app-usage'
  | 'licenses'
  | 'inactive-users'
  | 'underused-licenses'
  | 'security'
  | 'deactivations'
  | 'license-sharing'
  | 'denials'
  | 'demand';

/** A report's own settings, besides the date range; each report takes some of them. */
export type ReportOption = 'days' | 'usedWithinDays' | 'app';

/**
 * The query a report is fetched with: the range when it covers a period, its options when it takes them. `days` and
 * `usedWithinDays` left out: the organization's setting, which the answer carries as `days` / `usedWithinDays`.
 * `app` null: every app.
 */
export type ReportQuery = Partial<
  Pick<RangeQuery, 'from' | 'to'> & Pick<ThresholdQuery, 'days'> & Pick<LicensesQuery, 'usedWithinDays'>
> & {
  app?: string | null;
  /** A per-user table's server-side order and page (usePagedReport). */
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
};
