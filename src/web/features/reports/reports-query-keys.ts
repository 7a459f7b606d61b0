import type { ReportName, ReportQuery } from './reports.types';

export const reportsKeys = {
  all: ['reports'] as const,
  report: (name: ReportName, query: ReportQuery) => [...reportsKeys.all, name, query] as const,
};
