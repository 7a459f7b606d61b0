import { type Static, type TObject, type TProperties, Type } from 'typebox';
import { MAX_RANGE_DAYS } from '../common/api-limits.ts';
import { CursorQuery } from './paging.ts';
import { DateInput, Id, IsoDateTime, Nullable } from './schema-helpers.ts';
import { ALERT_TYPES, type AlertSchema } from './security.ts';

const CalendarDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD in the organization’s time zone',
});
/** A range's end as a query parameter: a real date inside the accepted span. */
const RangeDate = (description: string) =>
  DateInput(
    `${description} A day in the organization’s time zone; a range covers at most ${MAX_RANGE_DAYS} days (else 400 invalid-range).`,
  );
const Format = Type.Enum(['json', 'csv'], {
  default: 'json',
  description: 'csv: the report’s rows as a text/csv attachment, one column per field of a row.',
});
/** Omitted: the organization's setting (Settings page; 30 days unless changed). */
const Days = (description: string) =>
  Type.Optional(
    Type.Integer({ minimum: 1, maximum: 3650, description: `${description} Default: the organization's setting.` }),
  );

export const RangeQuery = Type.Object({
  from: Type.Optional(RangeDate('First day, included. Default: 29 days before `to`.')),
  to: Type.Optional(RangeDate('Last day, included. Default: today.')),
  format: Format,
});
export type RangeQuery = Static<typeof RangeQuery>;

/** The most rows one page of a per-user table answers. */
export const REPORT_PAGE_MAX = 500;
/**
 * Sorting and paging of a per-user table, on the server. Without `limit` the whole table is
 * answered (as before paging existed); CSV is always the whole table, in the asked order.
 */
const paging = <S extends string>(sorts: readonly S[], defaultSort: S) => ({
  sort: Type.Optional(
    Type.Enum([...sorts], {
      description: `Column to sort the rows by (default \`${defaultSort}\`); ties by name, then id.`,
    }),
  ),
  order: Type.Optional(
    Type.Enum(['asc', 'desc'], { description: 'Default: desc for numbers and times, asc for text.' }),
  ),
  cursor: Type.Optional(CursorQuery),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: REPORT_PAGE_MAX,
      description: `Rows per page, 1 to ${REPORT_PAGE_MAX}; then \`nextCursor\` leads to the next page. Omitted: every row.`,
    }),
  ),
});
/** What a paged table answers besides its rows. */
const paged = {
  nextCursor: Nullable(Type.String({ description: 'The next page’s cursor (same sort and order); null on the last.' })),
  totalRows: Type.Integer({ minimum: 0, description: 'Rows of the whole table, every page together.' }),
};

export const LOGINS_SORTS = [
  'name',
  'email',
  'status',
  'total',
  'successful',
  'failed',
  'lastSignInAt',
  'distinctDevices',
  'distinctCountries',
] as const;
export const LoginsQuery = Type.Object({ ...RangeQuery.properties, ...paging(LOGINS_SORTS, 'total') });
export type LoginsQuery = Static<typeof LoginsQuery>;
export const APP_USAGE_SORTS = ['name', 'email', 'appName', 'activeDays', 'sessions', 'hours'] as const;
export const AppUsageQuery = Type.Object({
  ...RangeQuery.properties,
  app: Type.Optional(Type.String({ maxLength: 64 })),
  ...paging(APP_USAGE_SORTS, 'hours'),
});
export type AppUsageQuery = Static<typeof AppUsageQuery>;
export const LicensesQuery = Type.Object({
  format: Format,
  usedWithinDays: Days('A seat counts as used when its holder used the app within this many days.'),
});
export type LicensesQuery = Static<typeof LicensesQuery>;
export const ThresholdQuery = Type.Object({
  format: Format,
  days: Days('Days without use before a user or seat counts.'),
});
export type ThresholdQuery = Static<typeof ThresholdQuery>;
export const INACTIVE_USERS_SORTS = [
  'name',
  'email',
  'role',
  'createdAt',
  'lastSignInAt',
  'lastAppUseAt',
  'inactiveDays',
] as const;
export const InactiveUsersQuery = Type.Object({
  ...ThresholdQuery.properties,
  ...paging(INACTIVE_USERS_SORTS, 'inactiveDays'),
});
export type InactiveUsersQuery = Static<typeof InactiveUsersQuery>;

/** Header fields every report answer carries. */
const Recounting = Type.Boolean({
  description:
    'True while the reports are being recounted (a changed time zone, in the background): figures may be partly in the old zone.',
});
const header = {
  report: Type.String(),
  timeZone: Type.String(),
  generatedAt: IsoDateTime,
  recounting: Recounting,
};
const ranged = { ...header, from: CalendarDate, to: CalendarDate };
/** What every report answers besides its own fields. */
export type ReportHeader = Static<TObject<typeof header>>;
/** The header of a report over a period: `from`/`to` are calendar days, both included, in `timeZone`. */
export type RangedReportHeader = Static<TObject<typeof ranged>>;

export const LoginsRow = Type.Object({
  userId: Id,
  name: Type.String(),
  email: Type.String(),
  status: Type.String(),
  total: Type.Integer(),
  successful: Type.Integer(),
  failed: Type.Integer(),
  lastSignInAt: Nullable(IsoDateTime),
  distinctDevices: Type.Integer(),
  distinctCountries: Type.Integer(),
});
export type LoginsRow = Static<typeof LoginsRow>;
export const LoginsReport = Type.Object({
  ...ranged,
  rows: Type.Array(LoginsRow),
  ...paged,
  series: Type.Array(Type.Object({ day: CalendarDate, successful: Type.Integer(), failed: Type.Integer() })),
});
export type LoginsReport = Static<typeof LoginsReport>;
/** Sign-ins of one day (YYYY-MM-DD in the organization's zone). */
export type DaySignIns = LoginsReport['series'][number];

export const AppUsageRow = Type.Object({
  userId: Id,
  name: Type.String(),
  email: Type.String(),
  app: Type.String(),
  appName: Type.String(),
  activeDays: Type.Integer(),
  sessions: Type.Integer(),
  hours: Type.Number(),
});
export type AppUsageRow = Static<typeof AppUsageRow>;
export const AppUsageReport = Type.Object({
  ...ranged,
  rows: Type.Array(AppUsageRow),
  ...paged,
  apps: Type.Array(
    Type.Object({
      app: Type.String(),
      appName: Type.String(),
      activeUsers: Type.Integer(),
      sessions: Type.Integer(),
      hours: Type.Number(),
    }),
  ),
  series: Type.Array(Type.Object({ day: CalendarDate, dau: Type.Integer(), wau: Type.Integer(), mau: Type.Integer() })),
});
export type AppUsageReport = Static<typeof AppUsageReport>;
export type AppUsageApp = AppUsageReport['apps'][number];
/** Distinct users that day, and in the 7 and the 30 days ending that day. */
export type ActiveUsersDay = AppUsageReport['series'][number];

export const LicensesRow = Type.Object({
  subscriptionId: Id,
  app: Type.String(),
  appName: Type.String(),
  seats: Type.Integer(),
  assigned: Type.Integer(),
  used: Type.Integer(),
  idle: Type.Integer(),
  status: Type.Enum(['active', 'cancelled', 'expired']),
  startsAt: IsoDateTime,
  expiresAt: IsoDateTime,
  autoRenew: Type.Boolean(),
  daysUntilExpiry: Type.Integer(),
  seatPriceCents: Nullable(Type.Integer()),
  currency: Nullable(Type.String()),
  idleCostCents: Nullable(Type.Integer()),
  peakUsed90d: Type.Integer(),
  recommendedSeats: Type.Integer(),
  recommendation: Type.String({
    description: 'The renewal advice in plain words (floating pools: from the demand report).',
  }),
});
export type LicensesRow = Static<typeof LicensesRow>;
export const LicensesReport = Type.Object({
  ...header,
  usedWithinDays: Type.Integer(),
  rows: Type.Array(LicensesRow),
  expiringSoon: Type.Array(LicensesRow),
});
export type LicensesReport = Static<typeof LicensesReport>;

export const InactiveUsersRow = Type.Object({
  userId: Id,
  name: Type.String(),
  email: Type.String(),
  role: Type.String(),
  createdAt: IsoDateTime,
  lastSignInAt: Nullable(IsoDateTime),
  lastAppUseAt: Nullable(IsoDateTime),
  inactiveDays: Type.Integer(),
});
export type InactiveUsersRow = Static<typeof InactiveUsersRow>;
export const InactiveUsersReport = Type.Object({
  ...header,
  days: Type.Integer(),
  rows: Type.Array(InactiveUsersRow),
  ...paged,
});
export type InactiveUsersReport = Static<typeof InactiveUsersReport>;

export const UnderusedLicensesRow = Type.Object({
  subscriptionId: Id,
  app: Type.String(),
  appName: Type.String(),
  userId: Id,
  name: Type.String(),
  email: Type.String(),
  assignedAt: IsoDateTime,
  lastUsedAt: Nullable(IsoDateTime),
  idleDays: Type.Integer(),
});
export type UnderusedLicensesRow = Static<typeof UnderusedLicensesRow>;
export const UnderusedLicensesReport = Type.Object({
  ...header,
  days: Type.Integer(),
  rows: Type.Array(UnderusedLicensesRow),
});
export type UnderusedLicensesReport = Static<typeof UnderusedLicensesReport>;

export const SecurityRow = Type.Object({
  userId: Id,
  name: Type.String(),
  email: Type.String(),
  failed: Type.Integer(),
  throttled: Type.Integer(),
  distinctCountries: Type.Integer(),
  distinctDevices: Type.Integer(),
  lastFailureAt: Nullable(IsoDateTime),
});
export type SecurityRow = Static<typeof SecurityRow>;
export const SecurityReport = Type.Object({
  ...ranged,
  rows: Type.Array(SecurityRow),
  ips: Type.Array(
    Type.Object({ ip: Type.String(), failed: Type.Integer(), accounts: Type.Integer(), lastFailureAt: IsoDateTime }),
    {
      description:
        'Addresses that were among a day’s 100 most failing addresses on at least one day of the range, counted over those days; at most 100, most accounts (then failures) first.',
    },
  ),
  otherAddresses: Type.Object(
    { failed: Type.Integer({ minimum: 0 }) },
    {
      description:
        'Failures in the range not counted in `ips` (addresses outside a day’s top 100, or past the 100 shown).',
    },
  ),
  series: Type.Array(Type.Object({ day: CalendarDate, failed: Type.Integer() })),
  alerts: Type.Object(
    {
      total: Type.Integer({ minimum: 0 }),
      byStatus: Type.Object({ open: Type.Integer(), acknowledged: Type.Integer(), resolved: Type.Integer() }),
      byType: Type.Array(
        Type.Object({
          type: Type.Enum([...ALERT_TYPES]),
          count: Type.Integer({ minimum: 1 }),
          unresolved: Type.Integer({ minimum: 0, description: 'Of them, still open or acknowledged.' }),
        }),
        { description: 'Types with at least one alert, most frequent first.' },
      ),
    },
    { description: 'Alerts opened in the range, by their status today and by type.' },
  ),
});
export type SecurityReport = Static<typeof SecurityReport>;
export type SecurityIp = SecurityReport['ips'][number];

export const DeactivationsRow = Type.Object({
  userId: Id,
  name: Type.String(),
  email: Type.String(),
  deactivatedAt: IsoDateTime,
  reason: Type.String(),
  note: Nullable(Type.String()),
});
export type DeactivationsRow = Static<typeof DeactivationsRow>;
export const DeactivationsReport = Type.Object({
  ...ranged,
  rows: Type.Array(DeactivationsRow),
  series: Type.Array(Type.Object({ month: Type.String(), reason: Type.String(), count: Type.Integer() })),
});
export type DeactivationsReport = Static<typeof DeactivationsReport>;
export type DeactivationsMonth = DeactivationsReport['series'][number];

export const LicenseSharingRow = Type.Object({
  userId: Id,
  name: Type.String(),
  email: Type.String(),
  app: Type.String(),
  appName: Type.String(),
  firstDevice: Nullable(Type.String()),
  firstPlace: Nullable(Type.String()),
  secondDevice: Nullable(Type.String()),
  secondPlace: Nullable(Type.String()),
  distanceKm: Type.Integer(),
  overlapStartedAt: IsoDateTime,
  overlapMinutes: Type.Integer(),
});
export type LicenseSharingRow = Static<typeof LicenseSharingRow>;
export const LicenseSharingReport = Type.Object({ ...ranged, rows: Type.Array(LicenseSharingRow) });
export type LicenseSharingReport = Static<typeof LicenseSharingReport>;

export const SeatReportQuery = Type.Object({
  ...RangeQuery.properties,
  product: Type.Optional(Type.String({ maxLength: 64, description: 'Only this product (its key).' })),
});
export type SeatReportQuery = Static<typeof SeatReportQuery>;

const Count = (description?: string) => Type.Integer({ minimum: 0, ...(description ? { description } : {}) });

export const DenialsRow = Type.Object({
  subscriptionId: Nullable(Id),
  app: Type.String(),
  appName: Type.String(),
  total: Count('Refused seat requests in the range.'),
  poolFull: Count('The floating pool had no free seat.'),
  noSeat: Count('No named seat for the person.'),
  deviceLimit: Count('The person already ran the seat on as many devices as allowed.'),
  subscriptionExpired: Count(),
  real: Count('Turned away: the app gave up, or no seat came within the 30-minute retry window.'),
  seatOnRetry: Count('Got a seat on a retry within the window.'),
  pending: Count('Still inside the retry window.'),
  turnedAwayUsers: Count('Distinct people with a real denial.'),
  users: Count('Distinct people refused at least once.'),
});
export type DenialsRow = Static<typeof DenialsRow>;
export const DenialsReport = Type.Object({
  ...ranged,
  rows: Type.Array(DenialsRow),
  series: Type.Array(
    Type.Object({
      day: CalendarDate,
      poolFull: Count(),
      noSeat: Count(),
      deviceLimit: Count(),
      subscriptionExpired: Count(),
    }),
    { description: 'Denials per day of the range, by reason.' },
  ),
  users: Type.Array(
    Type.Object({
      userId: Id,
      name: Type.String(),
      email: Type.String(),
      total: Count(),
      real: Count(),
      seatOnRetry: Count(),
      lastDeniedAt: IsoDateTime,
    }),
    { maxItems: 50, description: 'The people turned away most: real denials first.' },
  ),
});
export type DenialsReport = Static<typeof DenialsReport>;
export type DenialsDay = DenialsReport['series'][number];
export type DeniedUser = DenialsReport['users'][number];

export const DemandRow = Type.Object({
  subscriptionId: Id,
  app: Type.String(),
  appName: Type.String(),
  kind: Type.Enum(['named', 'floating']),
  seats: Count('Seats owned today.'),
  inUseNow: Count('Live leases now.'),
  peakInUse: Count('Highest seats in use in any hour of the range.'),
  hoursAtCapacity: Count('Hours of the range whose peak reached the seats owned.'),
  turnedAwayUsers: Count('Distinct people turned away for want of a seat (real denials: pool full or no seat).'),
  p95InUse30d: Count('95th percentile (nearest rank) of hourly peaks over the last 30 days.'),
  p95InUse90d: Count(),
  p95InUse365d: Count(),
  p95Demand90d: Nullable(
    Count('Floating pools: 95th percentile of hourly demand (peak in use + people turned away that hour), 90 days.'),
  ),
  recommendedSeats: Count(),
  change: Type.Integer({ description: 'Seats to buy (positive) or drop (negative).' }),
  recommendation: Type.String({ description: 'The advice in plain words, with its reason.' }),
});
export type DemandRow = Static<typeof DemandRow>;
export const DemandReport = Type.Object({
  ...ranged,
  rows: Type.Array(DemandRow),
  series: Type.Array(
    Type.Object({
      subscriptionId: Id,
      day: CalendarDate,
      peak: Count('Highest seats in use in an hour of the day.'),
      seats: Count('Seats owned that day.'),
      hoursAtCapacity: Count(),
      turnedAway: Count('People turned away, summed over the day’s hours.'),
    }),
    { description: 'Per subscription and day of the range (days up to today).' },
  ),
});
export type DemandReport = Static<typeof DemandReport>;
export type DemandDay = DemandReport['series'][number];

export const OverviewResponse = Type.Object({
  timeZone: Type.String(),
  recounting: Recounting,
  users: Type.Object({ active: Type.Integer(), deactivated: Type.Integer(), invited: Type.Integer() }),
  seats: Type.Object({ purchased: Type.Integer(), assigned: Type.Integer(), usedLast30Days: Type.Integer() }),
  signIns: Type.Array(Type.Object({ day: CalendarDate, successful: Type.Integer(), failed: Type.Integer() })),
  expiringSoon: Type.Array(
    Type.Object({
      subscriptionId: Id,
      appName: Type.String(),
      expiresAt: IsoDateTime,
      daysUntilExpiry: Type.Integer(),
      autoRenew: Type.Boolean(),
    }),
  ),
  inactiveUsers: Type.Integer(),
  inactivityDays: Type.Integer({ description: 'The organization’s threshold the inactive count uses.' }),
  openAlerts: Type.Object(
    {
      total: Type.Integer({ minimum: 0 }),
      bySeverity: Type.Object({ low: Type.Integer(), medium: Type.Integer(), high: Type.Integer() }),
      latest: Type.Array(Type.Ref('Alert'), { maxItems: 5, description: 'The newest open alerts.' }),
    },
    { description: 'Alerts no owner has acknowledged or resolved yet (status open).' },
  ),
});
export type OverviewResponse = Static<typeof OverviewResponse, { Alert: typeof AlertSchema }>;
export type ExpiringSubscription = OverviewResponse['expiringSoon'][number];

/** CSV columns of a report: its row schema's fields, in order, so CSV and JSON always agree. */
export function columnsOf(row: TObject<TProperties>): string[] {
  return Object.keys(row.properties);
}
