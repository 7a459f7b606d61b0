import type { UserStatus } from '../../db/schema.ts';
import type { ActivityItem } from '../activity/index.ts';
import type { AddressRange } from './address-filter.ts';

/** The API shape of one row of the sign-in log (contract: SignIn): a login of the Activity feed, with its account. */
export interface SignInItem extends Omit<ActivityItem, 'id' | 'type' | 'session'> {
  id: string;
  email: string;
  user: { id: string; name: string; email: string; status: UserStatus } | null;
}

export interface SignInFilters {
  userId?: string | undefined;
  address?: AddressRange | undefined;
  /** An app's key, or `console` for the web console's sign-ins. */
  app?: string | undefined;
  outcome?: 'success' | 'failure' | undefined;
  failureReason?: string | undefined;
  /** ISO 3166-1 alpha-2, any case. */
  country?: string | undefined;
  deviceType?: string | undefined;
  /** Inclusive lower bound, epoch ms. */
  from?: number | undefined;
  /** Exclusive upper bound, epoch ms. */
  to?: number | undefined;
}

/** Position in the newest-first log: (occurred_at, id) descending; a page starts strictly after it. */
export interface SignInPosition {
  at: number;
  id: number;
}

/** The app session an app sign-in opened (contract: SignInDetail.appSession). */
export interface StartedAppSession {
  id: string;
  app: string;
  startedAt: string;
  lastHeartbeatAt: string;
  endedAt: string | null;
  endReason: NonNullable<ActivityItem['session']>['endReason'];
  durationSeconds: number;
  active: boolean;
}

export interface SignInPlace {
  countryCode: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  latitude: number;
  longitude: number;
  count: number;
  lastAt: string;
}
