import type { Role } from '../auth/auth.types';
import type { SubscriptionStatus } from '../subscriptions/subscriptions.types';
import type { DeactivationReason, UserStatus } from '../users/users.types';

export type ReportName =
  | 'logins'
  | 'app-usage'
  | 'licenses'
  | 'inactive-users'
  | 'underused-licenses'
  | 'security'
  | 'deactivations'
  | 'license-sharing';

/** A report's own settings, besides the date range; each report takes some of them. */
export type ReportOption = 'days' | 'usedWithinDays' | 'app';

/** What every report answers besides its rows. */
export interface ReportMeta {
  report: ReportName;
  timeZone: string;
  generatedAt: string;
  /** The reports are being recounted (a changed time zone): days may still be partly in the old zone. */
  recounting: boolean;
}

/** A report over a period: `from`/`to` are calendar days (YYYY-MM-DD, both included) in `timeZone`. */
export interface RangedReportMeta extends ReportMeta {
  from: string;
  to: string;
}

export interface DaySignIns {
  /** YYYY-MM-DD in the organization's zone. */
  day: string;
  successful: number;
  failed: number;
}

export interface LoginsRow {
  userId: string;
  name: string;
  email: string;
  status: UserStatus;
  total: number;
  successful: number;
  failed: number;
  lastSignInAt: string | null;
  distinctDevices: number;
  distinctCountries: number;
}

export interface LoginsReport extends RangedReportMeta {
  rows: LoginsRow[];
  series: DaySignIns[];
}

export interface AppUsageRow {
  userId: string;
  name: string;
  email: string;
  app: string;
  appName: string;
  activeDays: number;
  sessions: number;
  /** One decimal. */
  hours: number;
}

export interface AppUsageApp {
  app: string;
  appName: string;
  activeUsers: number;
  sessions: number;
  hours: number;
}

export interface ActiveUsersDay {
  day: string;
  /** Distinct users that day, in the 7 and in the 30 days ending that day. */
  dau: number;
  wau: number;
  mau: number;
}

export interface AppUsageReport extends RangedReportMeta {
  rows: AppUsageRow[];
  apps: AppUsageApp[];
  series: ActiveUsersDay[];
}

export interface LicensesRow {
  subscriptionId: string;
  app: string;
  appName: string;
  seats: number;
  assigned: number;
  /** Holders who used the app within `usedWithinDays`. */
  used: number;
  idle: number;
  status: SubscriptionStatus;
  startsAt: string;
  expiresAt: string;
  autoRenew: boolean;
  daysUntilExpiry: number;
  seatPriceCents: number | null;
  currency: string | null;
  idleCostCents: number | null;
  peakUsed90d: number;
  recommendedSeats: number;
}

/** As of now, not over a period. */
export interface LicensesReport extends ReportMeta {
  usedWithinDays: number;
  rows: LicensesRow[];
  expiringSoon: LicensesRow[];
}

export interface InactiveUsersRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
  createdAt: string;
  lastSignInAt: string | null;
  lastAppUseAt: string | null;
  inactiveDays: number;
}

/** As of now, not over a period. */
export interface InactiveUsersReport extends ReportMeta {
  days: number;
  rows: InactiveUsersRow[];
}

export interface UnderusedLicensesRow {
  subscriptionId: string;
  app: string;
  appName: string;
  userId: string;
  name: string;
  email: string;
  assignedAt: string;
  lastUsedAt: string | null;
  idleDays: number;
}

/** As of now, not over a period. */
export interface UnderusedLicensesReport extends ReportMeta {
  days: number;
  rows: UnderusedLicensesRow[];
}

export interface SecurityRow {
  userId: string;
  name: string;
  email: string;
  failed: number;
  throttled: number;
  distinctCountries: number;
  distinctDevices: number;
  lastFailureAt: string | null;
}

export interface SecurityIp {
  ip: string;
  failed: number;
  /** Distinct accounts the address failed on. */
  accounts: number;
  lastFailureAt: string;
}

export interface SecurityReport extends RangedReportMeta {
  rows: SecurityRow[];
  ips: SecurityIp[];
  series: { day: string; failed: number }[];
}

export interface DeactivationsRow {
  userId: string;
  name: string;
  email: string;
  deactivatedAt: string;
  reason: DeactivationReason;
  note: string | null;
}

export interface DeactivationsMonth {
  /** YYYY-MM in the organization's zone. */
  month: string;
  reason: DeactivationReason;
  count: number;
}

export interface DeactivationsReport extends RangedReportMeta {
  rows: DeactivationsRow[];
  series: DeactivationsMonth[];
}

/** The query a report is fetched with: the range when it covers a period, its options when it takes them. */
export interface ReportQuery {
  from?: string;
  to?: string;
  /** Left out: the organization's setting, which the answer carries as `days` / `usedWithinDays`. */
  days?: number;
  usedWithinDays?: number;
  app?: string | null;
}

/** One seat in use at the same time on two devices far apart. */
export interface LicenseSharingRow {
  userId: string;
  name: string;
  email: string;
  app: string;
  appName: string;
  firstDevice: string | null;
  firstPlace: string | null;
  secondDevice: string | null;
  secondPlace: string | null;
  distanceKm: number;
  overlapStartedAt: string;
  overlapMinutes: number;
}

export interface LicenseSharingReport extends RangedReportMeta {
  rows: LicenseSharingRow[];
}
