/**
 * The public entry of seat-alerts (issue 14): the minute job that turns denials nobody retried into
 * real ones and raises the seat alerts (a floating pool at 80/90/100 %, the first real denial of a
 * day) through the security-monitoring channels. What http/, cli/ and start.ts may use of it
 * (.dependency-cruiser.cjs refuses any other way in).
 */
export { runSeatAlerts, type SeatAlertRun } from './run-seat-alerts.ts';
export { startSeatAlertJob } from './seat-alert-job.ts';
