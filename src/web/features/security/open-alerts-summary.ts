import { ALERT_SEVERITIES, type Alert, type AlertSeverity } from '../../../contract/security';
import { fetchAlertsPage } from './alerts.api';

/** How many open alerts the Overview lists by name. */
export const LATEST_OPEN_ALERTS = 5;

export interface OpenAlertsSummary {
  total: number;
  bySeverity: Record<AlertSeverity, number>;
  latest: Alert[];
}

/**
 * The organization's open alerts for the Overview: the latest few, and how many of each severity (the list's
 * counts under a severity filter, so the figures are exact however many alerts there are).
 */
export async function fetchOpenAlertsSummary(signal?: AbortSignal): Promise<OpenAlertsSummary> {
  const [latest, ...bySeverity] = await Promise.all([
    fetchAlertsPage({ status: 'open' }, null, LATEST_OPEN_ALERTS, signal),
    ...ALERT_SEVERITIES.map((severity) => fetchAlertsPage({ status: 'open', severity }, null, 1, signal)),
  ]);
  return {
    total: latest?.counts.open ?? 0,
    bySeverity: Object.fromEntries(
      ALERT_SEVERITIES.map((severity, index) => [severity, bySeverity[index]?.counts.open ?? 0]),
    ) as Record<AlertSeverity, number>,
    latest: latest?.items ?? [],
  };
}
