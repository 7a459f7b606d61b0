export type Outcome = 'success' | 'failure';
export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'bot' | 'other';
export type FailureReason =
  | 'invalid_password'
  | 'unknown_account'
  | 'deactivated'
  | 'invitation_pending'
  | 'throttled'
  | 'no_license'
  | 'wrong_current_password';
/** A sign-in attempt (console or app) or a period of app use. */
export type ActivityType = 'login' | 'app_session';
export type SessionEndReason = 'signed_out' | 'timed_out' | 'deactivated' | 'seat_removed' | 'expired';

export interface ActivityLocation {
  countryCode: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  asn: number | string | null;
  asOrganization: string | null;
}

export interface ActivityDevice {
  type: DeviceType | null;
  os: string | null;
  osVersion: string | null;
  browser: string | null;
  browserVersion: string | null;
  /** The product key of the app, for app sign-ins and sessions. */
  app: string | null;
  appVersion: string | null;
  deviceId: string | null;
  /** The name the app reports for the machine, e.g. "Ana’s MacBook". */
  name?: string | null;
}

export interface AppSession {
  startedAt: string;
  lastHeartbeatAt: string | null;
  endedAt: string | null;
  /** Null while the session runs. Unknown reasons (a newer server) are shown as they come. */
  endReason: SessionEndReason | (string & {}) | null;
  /** Seconds from start to end, or to the last heartbeat while it runs. */
  durationSeconds: number;
  active: boolean;
}

export interface ActivityItem {
  id: string;
  type: ActivityType;
  occurredAt: string;
  outcome: Outcome;
  /** Unknown reasons (a newer server) are shown as they come. */
  failureReason: FailureReason | (string & {}) | null;
  client: 'console' | 'app' | null;
  ip: string | null;
  location: ActivityLocation | null;
  device: ActivityDevice;
  userAgent: string | null;
  risk: string[];
  /** Null for sign-in attempts. */
  session?: AppSession | null;
}

/** What the filter bar holds; `range` is a pair of local calendar days (YYYY-MM-DD), inclusive. */
export interface ActivityFilters {
  range: [string | null, string | null];
  outcome: Outcome | null;
  deviceType: DeviceType | null;
  country: string | null;
  type: ActivityType | null;
  /** A product key. */
  app: string | null;
}

export const emptyActivityFilters: ActivityFilters = {
  range: [null, null],
  outcome: null,
  deviceType: null,
  country: null,
  type: null,
  app: null,
};
