import type { Db } from '../../db/database.ts';
import { insertWebhookDeliveries } from './webhook-deliveries.repository.ts';
import { findWebhookEndpoints } from './webhook-endpoints.repository.ts';
import { newDeliveryRow } from './webhook-message.ts';

/**
 * Seat changes a vendor's back end hears of through the organization's signed webhooks (docs/webhooks.md),
 * so it knows before the app's next heartbeat.
 */
export const SEAT_EVENT_TYPES = [
  'seat.assigned',
  'seat.unassigned',
  'lease.taken',
  'lease.released',
  'lease.denied',
  'lease.borrowed',
  'lease.returned',
] as const;
export type SeatEventType = (typeof SEAT_EVENT_TYPES)[number];

export interface SeatEvent {
  type: SeatEventType;
  /** The message's `data`: ids and facts, never a secret. */
  data: Record<string, unknown>;
}

/**
 * In the transaction of the change (outbox: the change and its messages commit together): one pending
 * delivery of each event to each enabled endpoint. Nothing is read when there are no events.
 */
export async function queueSeatEvents(
  trx: Db,
  input: { orgId: string; events: SeatEvent[]; now: number },
): Promise<void> {
  if (input.events.length === 0) return;
  const endpoints = await findWebhookEndpoints(trx, input.orgId, { enabledOnly: true });
  await insertWebhookDeliveries(
    trx,
    endpoints.flatMap((endpoint) =>
      input.events.map((event) =>
        newDeliveryRow({
          orgId: input.orgId,
          endpointId: endpoint.id,
          eventType: event.type,
          data: event.data,
          alertId: null,
          now: input.now,
        }),
      ),
    ),
  );
}
