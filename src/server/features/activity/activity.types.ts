import type { RiskEvidence } from '../../../contract/risk.ts';
import type { AppSessionEndReason } from '../../db/schema.ts';
import type { GeoLocation } from '../geo/index.ts';

/** The API shape of one Activity row: a sign-in attempt (console or app) or a period of app use. */
export interface ActivityItem {
  id: string;
  type: 'login' | 'app_session';
  /** A login's time, or a session's start. */
  occurredAt: string;
  outcome: 'success' | 'failure';
  failureReason: string | null;
  client: string;
  /** 'password' | 'sso' | 'device_authorization' | 'password_reset' */
  method: string;
  /** 'totp' | 'passkey' | 'recovery_code' | null */
  secondFactor: string | null;
  /** 'enrolled' | 'required' | 'risk' | null */
  stepReason: string | null;
  ip: string;
  location: GeoLocation | null;
  device: {
    type: string;
    os: string | null;
    osVersion: string | null;
    browser: string | null;
    browserVersion: string | null;
    app: string | null;
    appVersion: string | null;
    deviceId: string | null;
    name: string | null;
  };
  userAgent: string | null;
  risk: string[];
  /** One per flag of `risk`, with the numbers it rests on. */
  riskDetails: RiskEvidence[];
  session: {
    startedAt: string;
    lastHeartbeatAt: string;
    endedAt: string | null;
    endReason: AppSessionEndReason | null;
    durationSeconds: number;
    active: boolean;
  } | null;
}

export interface ActivityFilters {
  /** Inclusive lower bound, epoch ms. */
  from?: number | undefined;
  /** Exclusive upper bound, epoch ms. */
  to?: number | undefined;
  type?: 'login' | 'app_session' | undefined;
  outcome?: 'success' | 'failure' | undefined;
  deviceType?: string | undefined;
  country?: string | undefined;
  app?: string | undefined;
}

/**
 * Position in the merged, newest-first list: (time, kind, id) descending. Logins are
 * kind 0 and sessions kind 1, so rows of both tables at the same millisecond have a
 * stable order and a cursor never skips or repeats one.
 */
export interface ActivityPosition {
  at: number;
  kind: 0 | 1;
  id: number;
}

export const LOGIN_KIND = 0;
export const SESSION_KIND = 1;
