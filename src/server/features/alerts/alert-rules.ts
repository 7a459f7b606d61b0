import type { AlertSeverity, AlertType } from '../../../contract/security.ts';
import { DAY_MS, HOUR_MS } from '../../lib/time.ts';

/**
 * Each alert type's severity and deduplication window (docs/alerts.md). While an alert is not
 * resolved, every further event on the same subject in the same window adds to it instead of
 * opening another: the window is a fixed slice of time (floor(at / window)), so the key is known
 * without reading anything and one unique index makes parallel sign-ins agree on one alert.
 */
export const ALERT_RULES: Record<AlertType, { severity: AlertSeverity; dedupeWindowMs: number }> = {
  brute_force: { severity: 'medium', dedupeWindowMs: HOUR_MS },
  password_spraying: { severity: 'high', dedupeWindowMs: HOUR_MS },
  impossible_travel: { severity: 'high', dedupeWindowMs: DAY_MS },
  new_country: { severity: 'medium', dedupeWindowMs: DAY_MS },
  new_device: { severity: 'low', dedupeWindowMs: DAY_MS },
  account_takeover: { severity: 'high', dedupeWindowMs: DAY_MS },
  deactivated_account: { severity: 'medium', dedupeWindowMs: DAY_MS },
  reported_by_user: { severity: 'high', dedupeWindowMs: DAY_MS },
  seat_pressure: { severity: 'low', dedupeWindowMs: DAY_MS },
  seat_denied: { severity: 'medium', dedupeWindowMs: DAY_MS },
};

/** `type:subject:window`: equal for every event of one alert while it takes evidence. */
export function dedupeKeyOf(type: AlertType, subjectKey: string, at: number): string {
  return `${type}:${subjectKey}:${Math.floor(at / ALERT_RULES[type].dedupeWindowMs)}`;
}
