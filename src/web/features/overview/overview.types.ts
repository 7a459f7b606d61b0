import type { DaySignIns } from '../reports/reports.types';

export interface ExpiringSubscription {
  subscriptionId: string;
  appName: string;
  expiresAt: string;
  daysUntilExpiry: number;
  autoRenew: boolean;
}

/** The owner's start page in one answer. Days are the organization's calendar days. */
export interface Overview {
  timeZone: string;
  /** The reports are being recounted (a changed time zone). */
  recounting: boolean;
  users: { active: number; deactivated: number; invited: number };
  seats: { purchased: number; assigned: number; usedLast30Days: number };
  /** The last 30 days, one entry per day. */
  signIns: DaySignIns[];
  expiringSoon: ExpiringSubscription[];
  /** Users with neither a sign-in nor app use in the last `inactivityDays` days. */
  inactiveUsers: number;
  /** The organization's inactivity threshold (Settings) that `inactiveUsers` counted with. */
  inactivityDays: number;
}
