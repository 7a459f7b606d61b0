import { api, apiUrl, toQueryString } from '../../lib/api';
import type { ReportName, ReportQuery } from './reports.types';

const path = (name: ReportName) => `/reports/${name}`;

/** The seat reports (issue 14) call the app filter `product`. */
const PRODUCT_FILTERED: ReadonlySet<ReportName> = new Set(['denials', 'demand']);

function toParams(name: ReportName, query: ReportQuery) {
  const app = PRODUCT_FILTERED.has(name) ? { product: query.app } : { app: query.app };
  const { sort, order, limit, cursor } = query;
  return {
    from: query.from,
    to: query.to,
    days: query.days,
    usedWithinDays: query.usedWithinDays,
    ...app,
    sort,
    order,
    limit,
    cursor,
  };
}

export function fetchReport<T>(name: ReportName, query: ReportQuery, signal?: AbortSignal): Promise<T> {
  return api.get(`${path(name)}${toQueryString(toParams(name, query))}`, { signal });
}

/** The same report as CSV (its `rows`); the browser sends the session cookie with the link. */
export function reportCsvUrl(name: ReportName, query: ReportQuery): string {
  // The whole table, in the order the page shows it.
  return apiUrl(path(name), { ...toParams(name, query), limit: undefined, cursor: undefined, format: 'csv' });
}
