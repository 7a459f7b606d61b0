export type Outcome = 'success' | 'failure';
export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'bot' | 'other';
export type FailureReason = 'invalid_password' | 'unknown_account' | 'deactivated' | 'invitation_pending' | 'throttled';

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
  app: string | null;
  appVersion: string | null;
  deviceId: string | null;
}

export interface ActivityItem {
  id: string;
  type: 'login' | 'app_session';
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
}

/** What the filter bar holds; `range` is a pair of local calendar days (YYYY-MM-DD), inclusive. */
export interface ActivityFilters {
  range: [string | null, string | null];
  outcome: Outcome | null;
  deviceType: DeviceType | null;
  country: string | null;
}

export const emptyActivityFilters: ActivityFilters = {
  range: [null, null],
  outcome: null,
  deviceType: null,
  country: null,
};
