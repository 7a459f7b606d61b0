import type { DayBitmapSpec } from './day-bitmaps.ts';
import type { RunningTotalsSpec } from './running-totals.ts';

/** Sign-in attempts per user: counts, and the latest failure (ms). */
export const SIGN_IN_TOTALS: RunningTotalsSpec = {
  table: 'sign_in_running_totals',
  latest: 'sign_in_running_totals_latest',
  keys: ['user_id'],
  sums: ['successful', 'failed', 'throttled'],
  maxes: ['last_failed_at'],
};

/** Sessions started, seconds of use and active days per user and app (ANY_APP: all apps together). */
export const APP_USAGE_TOTALS: RunningTotalsSpec = {
  table: 'app_usage_running_totals',
  latest: 'app_usage_running_totals_latest',
  keys: ['user_id', 'app_key'],
  sums: ['sessions', 'active_seconds', 'active_days'],
  maxes: [],
};

/** The app key under which app usage is also counted for all apps together. */
export const ANY_APP = '';

/** The days a device (kind 'device') or a country (kind 'country') signed a user in. */
export const SIGN_IN_KEY_DAYS: DayBitmapSpec = { table: 'sign_in_key_days', keys: ['kind', 'value'] };

/** The days a user used an app. */
export const APP_ACTIVE_DAYS: DayBitmapSpec = { table: 'app_active_days', keys: ['app_key'] };
