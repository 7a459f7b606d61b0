import type { AlertSeverity, AlertStatus, AlertType, RiskFlag } from '../../../contract/security';

export const ALERT_TYPE_LABELS: Record<AlertType, string> = {
  brute_force: 'Brute force on an account',
  password_spraying: 'Password spraying',
  impossible_travel: 'Impossible travel',
  new_country: 'New country',
  new_device: 'New device',
  account_takeover: 'Possible account takeover',
  deactivated_account: 'Deactivated account tried',
  reported_by_user: 'Reported by the user',
  seat_pressure: 'Seat pool filling up',
  seat_denied: 'Seat request turned away',
};

/** Alerts about a floating pool or people turned away (issue 14): no sign-in, person or address behind them. */
export function isSeatAlert(type: AlertType): boolean {
  return type === 'seat_pressure' || type === 'seat_denied';
}

export const SEVERITY_LABELS: Record<AlertSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low' };

export const STATUS_LABELS: Record<AlertStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

export const RISK_FLAG_LABELS: Record<RiskFlag, string> = {
  new_device: 'New device',
  new_country: 'New country',
  new_place: 'New place',
  impossible_travel: 'Impossible travel',
  failures_before_success: 'Success after failures',
  deactivated_account: 'Deactivated account',
  hosting_network: 'Hosting network',
  anonymous_network: 'Anonymising network',
};

/** What the inbox watches, for its empty state. */
export const WATCHED_SUMMARY =
  'Seatkeeper watches every sign-in for brute force on an account, one address failing on many accounts, impossible travel, a new country, a success after a burst of failures, attempts on deactivated accounts and, if you ask for it in Settings, new devices; and every floating seat pool at 80, 90 and 100 % and the first person of the day turned away for good.';
