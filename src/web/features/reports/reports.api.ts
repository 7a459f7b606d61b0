import { api, apiUrl, toQueryString } from '../../lib/api';
import type { ReportName, ReportQuery } from './reports.types';

const path = (name: ReportName) => `/reports/${name}`;

function toParams(query: ReportQuery) {
  return { from: query.from, to: query.to, days: query.days, usedWithinDays: query.usedWithinDays, app: query.app };
}

export function fetchReport<T>(name: ReportName, query: ReportQuery, signal?: AbortSignal): Promise<T> {
  return api.get(`${path(name)}${toQueryString(toParams(query))}`, { signal });
}

/** The same report as CSV (its `rows`); the browser sends the session cookie with the link. */
export function reportCsvUrl(name: ReportName, query: ReportQuery): string {
  return apiUrl(path(name), { ...toParams(query), format: 'csv' });
}
