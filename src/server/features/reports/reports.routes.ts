import type { FastifyReply } from 'fastify';
import type { Static, TObject, TProperties, TSchema } from 'typebox';
import {
  AppUsageQuery,
  AppUsageReport,
  AppUsageRow,
  columnsOf,
  DeactivationsReport,
  DeactivationsRow,
  DemandReport,
  DemandRow,
  DenialsReport,
  DenialsRow,
  InactiveUsersQuery,
  InactiveUsersReport,
  InactiveUsersRow,
  LicenseSharingReport,
  LicenseSharingRow,
  LicensesQuery,
  LicensesReport,
  LicensesRow,
  LoginsQuery,
  LoginsReport,
  LoginsRow,
  OverviewResponse,
  RangeQuery,
  SeatReportQuery,
  SecurityReport,
  SecurityRow,
  ThresholdQuery,
  UnderusedLicensesReport,
  UnderusedLicensesRow,
} from '../../../contract/reports.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { AppError } from '../../lib/app-error.ts';
import { toCsvStream } from '../../lib/csv.ts';
import { addDays, localToday } from '../../lib/local-date.ts';
import { recordExport } from '../audit-log/index.ts';
import { findOrganization } from '../organizations/index.ts';
import { isRecounting } from '../report-aggregates/index.ts';
import { buildAppUsageReport } from './app-usage.report.ts';
import { buildDeactivationsReport } from './deactivations.report.ts';
import { buildDemandReport } from './demand.report.ts';
import { buildDenialsReport } from './denials.report.ts';
import { buildInactiveUsersReport } from './inactive-users.report.ts';
import { buildLicenseSharingReport } from './license-sharing.report.ts';
import { buildLicensesReport } from './licenses.report.ts';
import { buildLoginsReport } from './logins.report.ts';
import { buildOverview } from './overview.ts';
import { reportFileName } from './report-file-name.ts';
import { type PageRequest, pageRows } from './report-page.ts';
import { parseReportRange } from './report-range.ts';
import { buildSecurityReport } from './security.report.ts';
import { buildUnderusedLicensesReport } from './underused-licenses.report.ts';

interface ReportContext {
  orgId: string;
  timeZone: string;
  now: number;
  /** The organization's thresholds, for queries that leave them out. */
  inactivityDays: number;
  underuseDays: number;
  /** A rebuild of the aggregates is running (or failed): the answer says so. */
  recounting: boolean;
}

interface ReportDefinition<Q extends TSchema> {
  name: string;
  /** Its OpenAPI operationId. */
  operationId: string;
  summary: string;
  query: Q;
  response: TSchema;
  row: TObject<TProperties>;
  build: (deps: AppDeps, context: ReportContext, query: Static<Q>) => Promise<{ rows: object[] } & object>;
}

const define = <Q extends TSchema>(definition: ReportDefinition<Q>) => definition;

/** Columns of the per-user tables that sort as text (ascending unless asked). */
const TEXT_COLUMNS = ['name', 'email', 'status', 'role', 'appName'];

/** The page asked for; a CSV is always the whole table, in the asked order. */
function pageOf<S extends string>(query: PageRequest<S> & { format?: 'json' | 'csv' }): PageRequest<S> {
  const { sort, order, cursor, limit } = query;
  return query.format === 'csv' ? { sort, order } : { sort, order, cursor, limit };
}

const REPORTS = [
  define({
    name: 'logins',
    operationId: 'getLoginsReport',
    summary: 'Sign-ins per user: total, successful, failed, last sign-in, distinct devices and countries',
    query: LoginsQuery,
    response: LoginsReport,
    row: LoginsRow,
    build: async (deps, context, query) => {
      const range = parseReportRange(query, context.timeZone, context.now);
      const { rows, series } = await buildLoginsReport(deps.database.db, context.orgId, range);
      const page = pageRows(rows, pageOf(query), {
        defaultSort: 'total',
        textColumns: TEXT_COLUMNS,
        idOf: (row) => row.userId,
      });
      return { from: range.from, to: range.to, ...page, series };
    },
  }),
  define({
    name: 'app-usage',
    operationId: 'getAppUsageReport',
    summary: 'Application usage per app and user; daily, weekly and monthly active users',
    query: AppUsageQuery,
    response: AppUsageReport,
    row: AppUsageRow,
    build: async (deps, context, query) => {
      const range = parseReportRange(query, context.timeZone, context.now);
      const report = await buildAppUsageReport(deps.database.db, context.orgId, range, query.app);
      const page = pageRows(report.rows, pageOf(query), {
        defaultSort: 'hours',
        textColumns: TEXT_COLUMNS,
        idOf: (row) => `${row.userId}|${row.app}`,
      });
      return { from: range.from, to: range.to, ...report, ...page };
    },
  }),
  define({
    name: 'licenses',
    operationId: 'getLicensesReport',
    summary: 'Seats purchased, assigned and used per subscription; expiries, idle cost and a renewal forecast',
    query: LicensesQuery,
    response: LicensesReport,
    row: LicensesRow,
    build: async (deps, context, query) => {
      const usedWithinDays = query.usedWithinDays ?? context.underuseDays;
      return {
        usedWithinDays,
        ...(await buildLicensesReport(deps.database.db, context.orgId, { ...context, usedWithinDays })),
      };
    },
  }),
  define({
    name: 'inactive-users',
    operationId: 'getInactiveUsersReport',
    summary: 'Active users with no sign-in and no app use for N days',
    query: InactiveUsersQuery,
    response: InactiveUsersReport,
    row: InactiveUsersRow,
    build: async (deps, context, query) => {
      const days = query.days ?? context.inactivityDays;
      const { rows } = await buildInactiveUsersReport(deps.database.db, context.orgId, { days, now: context.now });
      const page = pageRows(rows, pageOf(query), {
        defaultSort: 'inactiveDays',
        textColumns: TEXT_COLUMNS,
        idOf: (row) => row.userId,
      });
      return { days, ...page };
    },
  }),
  define({
    name: 'underused-licenses',
    operationId: 'getUnderusedLicensesReport',
    summary: 'Seats whose holder has not used the app for N days',
    query: ThresholdQuery,
    response: UnderusedLicensesReport,
    row: UnderusedLicensesRow,
    build: async (deps, context, query) => {
      const days = query.days ?? context.underuseDays;
      return {
        days,
        ...(await buildUnderusedLicensesReport(deps.database.db, context.orgId, { days, now: context.now })),
      };
    },
  }),
  define({
    name: 'security',
    operationId: 'getSecurityReport',
    summary: 'Failed sign-ins by user and by address, per day',
    query: RangeQuery,
    response: SecurityReport,
    row: SecurityRow,
    build: async (deps, context, query) => {
      const range = parseReportRange(query, context.timeZone, context.now);
      return { from: range.from, to: range.to, ...(await buildSecurityReport(deps.database.db, context.orgId, range)) };
    },
  }),
  define({
    name: 'deactivations',
    operationId: 'getDeactivationsReport',
    summary: 'Why users were deactivated, per month',
    query: RangeQuery,
    response: DeactivationsReport,
    row: DeactivationsRow,
    build: async (deps, context, query) => {
      const range = parseReportRange(query, context.timeZone, context.now);
      const report = await buildDeactivationsReport(deps.database.db, context.orgId, range);
      return { from: range.from, to: range.to, ...report };
    },
  }),
  define({
    name: 'license-sharing',
    operationId: 'getLicenseSharingReport',
    summary: 'One seat in use at the same time on two devices more than 500 km apart',
    query: RangeQuery,
    response: LicenseSharingReport,
    row: LicenseSharingRow,
    build: async (deps, context, query) => {
      const range = parseReportRange(query, context.timeZone, context.now);
      const report = await buildLicenseSharingReport(deps.database.db, context.orgId, range, context.now);
      return { from: range.from, to: range.to, ...report };
    },
  }),
  define({
    name: 'denials',
    operationId: 'getDenialsReport',
    summary:
      'Refused seat requests per product: by reason, real or seated on a retry, per day; the people refused most',
    query: SeatReportQuery,
    response: DenialsReport,
    row: DenialsRow,
    build: async (deps, context, query) => {
      const range = parseReportRange(query, context.timeZone, context.now);
      const options = { now: context.now, product: query.product };
      return {
        from: range.from,
        to: range.to,
        ...(await buildDenialsReport(deps.database.db, context.orgId, range, options)),
      };
    },
  }),
  define({
    name: 'demand',
    operationId: 'getDemandReport',
    summary:
      'Peak seats in use per hour against seats owned, percentiles, hours at capacity, people turned away, advice',
    query: SeatReportQuery,
    response: DemandReport,
    row: DemandRow,
    build: async (deps, context, query) => {
      const range = parseReportRange(query, context.timeZone, context.now);
      const today = localToday(context.now, context.timeZone);
      const options = { now: context.now, today, ninetyDaysAgo: addDays(today, -89), product: query.product };
      return {
        from: range.from,
        to: range.to,
        ...(await buildDemandReport(deps.database.db, context.orgId, range, options)),
      };
    },
  }),
];

export function registerReportRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  for (const report of REPORTS) {
    app.get(
      `/api/v1/reports/${report.name}`,
      {
        preHandler: owner,
        schema: {
          tags: ['reports'],
          operationId: report.operationId,
          summary: report.summary,
          description: 'Days are calendar days in the organization’s time zone; `?format=csv` answers the rows as CSV.',
          querystring: report.query,
          response: {
            200: report.response,
            ...problems(OWNER_ONLY, inputProblemsOf(report.query)),
          },
        },
      },
      async (request, reply) => {
        const context = await contextOf(deps, authOf(request).orgId);
        const query = request.query as Static<typeof report.query> & { format: 'json' | 'csv' };
        // biome-ignore lint/suspicious/noExplicitAny: each definition's build matches its own query schema
        const answer = await report.build(deps, context, query as any);
        const full = {
          report: report.name,
          timeZone: context.timeZone,
          generatedAt: new Date(context.now).toISOString(),
          recounting: context.recounting,
          ...answer,
        };
        if (query.format === 'csv') {
          // Every owner download is an export in the audit log, written before the file is sent.
          const { format: _format, ...filters } = query as Record<string, unknown>;
          const exported = {
            orgId: context.orgId,
            name: `report:${report.name}`,
            label: `Report: ${report.name}`,
            filters,
          };
          await recordExport(deps.database.db, auditActorOf(request), exported, context.now);
          const fileName = reportFileName(report.name, answer, context.timeZone, context.now);
          return sendCsv(reply, fileName, columnsOf(report.row), answer.rows);
        }
        return full;
      },
    );
  }

  app.get(
    '/api/v1/overview',
    {
      preHandler: owner,
      schema: {
        tags: ['reports'],
        operationId: 'getOverview',
        summary: 'The Overview page: users, seats, sign-ins over 30 days, expiring licenses, inactive users',
        response: { 200: OverviewResponse, ...problems(OWNER_ONLY) },
      },
    },
    async (request) => {
      const context = await contextOf(deps, authOf(request).orgId);
      return { ...(await buildOverview(deps.database.db, context.orgId, context)), recounting: context.recounting };
    },
  );
}

/** The 400 problems a report's query can cause: a bad range, a bad page cursor. */
function inputProblemsOf(query: TSchema): { 400?: string[] } {
  const properties = 'properties' in query ? (query.properties as TProperties) : {};
  const codes = [
    ...('from' in properties ? ['invalid-range'] : []),
    ...('cursor' in properties ? ['invalid-cursor'] : []),
  ];
  return codes.length > 0 ? { 400: codes } : {};
}

async function contextOf(deps: AppDeps, orgId: string): Promise<ReportContext> {
  const organization = await findOrganization(deps.database.db, orgId);
  if (!organization) throw new AppError(401, 'unauthenticated', 'Sign-in required');
  return {
    orgId,
    timeZone: organization.timeZone,
    now: deps.now(),
    inactivityDays: organization.inactivityDays,
    underuseDays: organization.underuseDays,
    recounting: await isRecounting(deps.database.db, orgId),
  };
}

function sendCsv(reply: FastifyReply, fileName: string, columns: string[], rows: object[]) {
  async function* all() {
    yield* rows as Record<string, unknown>[];
  }
  const csvColumns = columns.map((column) => ({
    header: column,
    value: (row: Record<string, unknown>) => {
      const value = row[column];
      return typeof value === 'string' || typeof value === 'number' ? value : value === null ? null : String(value);
    },
  }));
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${fileName}"`)
    .send(toCsvStream(all(), csvColumns));
}
