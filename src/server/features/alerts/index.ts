/**
 * The public entry of alerts (issue 11): raised from sign-ins' risk flags and counters in the
 * sign-in's own transaction, deduplicated per subject and window, listed and resolved by owners.
 * What other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in).
 */
export { ALERT_RULES, dedupeKeyOf } from './alert-rules.ts';
export {
  type AlertSummary,
  countAlertsCreatedBetween,
  countOpenAlertsBySeverity,
  findAlertSummaries,
} from './alerts.repository.ts';
export { changeAlertStatus } from './change-alert-status.ts';
export { type AlertDecision, type AlertFacts, countersNeeded, decideAlerts } from './decide-alerts.ts';
export { getAlertDetail } from './get-alert-detail.ts';
export { listAlerts } from './list-alerts.ts';
export { openUserReportedAlert, type RaisedAlert, raiseAlertsForSignIn, type StoredSignIn } from './raise-alerts.ts';
export { openSeatAlert, type SeatAlertType } from './raise-seat-alerts.ts';
