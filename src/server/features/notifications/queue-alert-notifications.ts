import type { AlertSeverity, SecuritySettings } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import type { RaisedAlert } from '../alerts/index.ts';
import { insertDigestItems } from './alert-digest.repository.ts';
import { insertWebhookDeliveries } from './webhook-deliveries.repository.ts';
import { findWebhookEndpoints } from './webhook-endpoints.repository.ts';
import { newDeliveryRow } from './webhook-message.ts';

const SEVERITY_RANK: Record<AlertSeverity, number> = { low: 0, medium: 1, high: 2 };

/** The webhook event of an alert: a user's own report has its own type, every other alert is `alert.opened`. */
export function alertEventType(alert: Pick<RaisedAlert, 'type'>): string {
  return alert.type === 'reported_by_user' ? 'alert.reported_by_user' : 'alert.opened';
}

/** The `data` of an alert's webhook message. */
export function alertEventData(alert: RaisedAlert, now: number) {
  return {
    alert: {
      id: alert.id,
      type: alert.type,
      severity: alert.severity,
      explanation: alert.explanation,
      userId: alert.userId,
      ip: alert.ip,
      openedAt: new Date(now).toISOString(),
    },
  };
}

/**
 * In the transaction that raised them (outbox: an alert and its notifications commit together):
 * for each alert opened (not the ones that only gained evidence), a digest item when the owners are
 * mailed and it is severe enough, and a pending delivery to each enabled webhook endpoint.
 */
export async function queueAlertNotifications(
  trx: Db,
  input: { orgId: string; alerts: RaisedAlert[]; settings: SecuritySettings; now: number },
): Promise<void> {
  const opened = input.alerts.filter((alert) => alert.opened);
  if (opened.length === 0) return;
  const { emailOwners, minimumSeverity } = input.settings.notifications;
  if (emailOwners) {
    const severe = opened.filter((alert) => SEVERITY_RANK[alert.severity] >= SEVERITY_RANK[minimumSeverity]);
    await insertDigestItems(
      trx,
      severe.map((alert) => ({ alert_id: alert.id, org_id: input.orgId, created_at: input.now, emailed_at: null })),
    );
  }
  const endpoints = await findWebhookEndpoints(trx, input.orgId, { enabledOnly: true });
  await insertWebhookDeliveries(
    trx,
    endpoints.flatMap((endpoint) =>
      opened.map((alert) =>
        newDeliveryRow({
          orgId: input.orgId,
          endpointId: endpoint.id,
          eventType: alertEventType(alert),
          data: alertEventData(alert, input.now),
          alertId: alert.id,
          now: input.now,
        }),
      ),
    ),
  );
}
