import type { ReportDefinition } from './report-catalogue';
import { type DayRange, DEFAULT_PRESET, type RangePreset, type ReportRange, resolveRange } from './report-range';
import type { ReportQuery } from './reports.types';

export const MAX_DAYS = 3650;

/** Everything a report page keeps in its URL, so that a report can be bookmarked and shared. */
export interface ReportParams {
  range: ReportRange;
  /** null: not in the URL, so the server uses the organization's setting (Settings page) and says which. */
  days: number | null;
  usedWithinDays: number | null;
  app: string | null;
}

export interface ReportParamsPatch {
  range?: RangePreset | DayRange;
  days?: number | null;
  usedWithinDays?: number | null;
  app?: string | null;
}

/** A whole number of days from 1 to 3650, else null (the organization's setting). */
export function parseDays(value: string | null): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  const days = Number(value);
  return days >= 1 && days <= MAX_DAYS ? days : null;
}

export function readReportParams(search: URLSearchParams, today: string): ReportParams {
  return {
    range: resolveRange({ range: search.get('range'), from: search.get('from'), to: search.get('to') }, today),
    days: parseDays(search.get('days')),
    usedWithinDays: parseDays(search.get('usedWithinDays')),
    app: search.get('app') || null,
  };
}

/**
 * The URL after a change. A preset is written as `range=N` (the last 30 days, the default, as nothing) so a bookmark
 * keeps moving with today; custom days as fixed `from`/`to`. Defaults are left out; days set to null are removed, so
 * the report follows the organization's setting again.
 */
export function writeReportParams(current: URLSearchParams, patch: ReportParamsPatch): URLSearchParams {
  const next = new URLSearchParams(current);
  if (patch.range !== undefined) {
    next.delete('range');
    next.delete('from');
    next.delete('to');
    if (typeof patch.range === 'number') {
      if (patch.range !== DEFAULT_PRESET) next.set('range', String(patch.range));
    } else {
      next.set('from', patch.range.from);
      next.set('to', patch.range.to);
    }
  }
  for (const key of ['days', 'usedWithinDays'] as const) {
    const value = patch[key];
    if (value === undefined) continue;
    if (value === null) next.delete(key);
    else next.set(key, String(value));
  }
  if (patch.app !== undefined) {
    if (patch.app) next.set('app', patch.app);
    else next.delete('app');
  }
  return next;
}

/**
 * What the report is fetched with: the range when it covers a period, and only the options it takes. Days the URL
 * leaves out are left out here too, for the server to use the organization's setting.
 */
export function toReportQuery(definition: ReportDefinition, params: ReportParams): ReportQuery {
  const query: ReportQuery = definition.ranged ? { from: params.range.from, to: params.range.to } : {};
  if (definition.options.includes('days') && params.days !== null) query.days = params.days;
  if (definition.options.includes('usedWithinDays') && params.usedWithinDays !== null) {
    query.usedWithinDays = params.usedWithinDays;
  }
  if (definition.options.includes('app') && params.app) query.app = params.app;
  return query;
}
