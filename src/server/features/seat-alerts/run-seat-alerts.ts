import type { Db } from '../../db/database.ts';
import { endOfLocalDay, localDay, startOfLocalDay } from '../../lib/local-date.ts';
import { HOUR_MS, toIso } from '../../lib/time.ts';
import { openSeatAlert, type RaisedAlert } from '../alerts/index.ts';
import { queueAlertNotifications } from '../notifications/index.ts';
import { findOrganization } from '../organizations/index.ts';
import {
  countGaveUpDenials,
  DENIAL_RETRY_WINDOW_MS,
  finalizeDenials,
  findOrgsWithStaleDenials,
  type GaveUpDenial,
} from '../seat-denials/index.ts';
import { readSecuritySettings } from '../security-settings/index.ts';
import {
  deniedExplanation,
  PRESSURE_THRESHOLDS,
  pressureExplanation,
  pressureSeverity,
  thresholdReached,
} from './seat-alert-text.ts';
import { findDeniedSubject, findPoolFills, findSeatAlertStatuses, type PoolFill } from './seat-alerts.repository.ts';

export interface SeatAlertRun {
  /** Denials this run turned into real ones. */
  gaveUp: number;
  /** Alerts this run opened (a run that lost a race to another opens none). */
  opened: { seatDenied: number; seatPressure: number };
}

/**
 * The minute job of seat alerts. Every process may run it at once: each step is a conditional write
 * or an upsert on a unique key inside its own transaction, so racing runs agree on one outcome.
 * (a) Pending denials past DENIAL_RETRY_WINDOW_MS become real ('gave_up'); the first real denial of
 * an organization-local day on a subscription (or on a product without one) opens a seat_denied
 * alert, later ones that day update its count. (b) A floating pool whose hourly peak in this or the
 * previous UTC hour reached 80, 90 or 100 % of its seats opens a seat_pressure alert for the highest
 * mark reached, once per pool, mark and local day (a lower mark after a higher one says nothing new).
 */
export async function runSeatAlerts(db: Db, now: number): Promise<SeatAlertRun> {
  const run: SeatAlertRun = { gaveUp: 0, opened: { seatDenied: 0, seatPressure: 0 } };
  for (const orgId of await findOrgsWithStaleDenials(db, now - DENIAL_RETRY_WINDOW_MS)) {
    const result = await db.transaction().execute((trx) => alertOnRealDenials(trx, orgId, now));
    run.gaveUp += result.gaveUp;
    run.opened.seatDenied += result.opened;
  }
  const currentHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  for (const fill of highestFillPerPool(await findPoolFills(db, currentHour - HOUR_MS))) {
    if (await db.transaction().execute((trx) => alertOnPoolFill(trx, fill, now))) run.opened.seatPressure++;
  }
  return run;
}

/** One step of (a) for one organization, in its transaction: finalize, alert, notify. */
async function alertOnRealDenials(trx: Db, orgId: string, now: number) {
  const denials = await finalizeDenials(trx, { orgId, now });
  const organization = await findOrganization(trx, orgId);
  if (denials.length === 0 || !organization) return { gaveUp: denials.length, opened: 0 };
  const timeZone = organization.timeZone;
  const groups = new Map<string, { day: string; latest: GaveUpDenial }>();
  for (const denial of denials) {
    const day = localDay(denial.deniedAt, timeZone);
    const subject = `${denial.subscriptionId ?? `product:${denial.productKey}`}:${day}`;
    const group = groups.get(subject);
    if (!group || group.latest.deniedAt < denial.deniedAt) groups.set(subject, { day, latest: denial });
  }
  const statuses = await findSeatAlertStatuses(trx, orgId, 'seat_denied', [...groups.keys()]);
  const alerts: RaisedAlert[] = [];
  for (const [subjectKey, { day, latest }] of groups) {
    // Resolved today already: the owner has dealt with today's turn-aways; tomorrow starts afresh.
    if (statuses.get(subjectKey) === 'resolved') continue;
    const { subscriptionId, productKey } = latest;
    const counts = await countGaveUpDenials(trx, {
      orgId,
      subscriptionId,
      productKey,
      from: startOfLocalDay(day, timeZone),
      to: endOfLocalDay(day, timeZone),
    });
    const subject = await findDeniedSubject(trx, orgId, { subscriptionId, productKey });
    alerts.push(
      await openSeatAlert(trx, {
        orgId,
        type: 'seat_denied',
        severity: 'medium',
        subjectKey,
        explanation: deniedExplanation({ subject, day, ...counts }),
        details: {
          subscriptionId,
          productKey,
          productName: subject.productName,
          day,
          timeZone,
          people: counts.people,
          denialsByReason: counts.byReason,
          latestDeniedAt: toIso(latest.deniedAt),
        },
        at: latest.deniedAt,
        now,
      }),
    );
  }
  await queueAlertNotifications(trx, { orgId, alerts, settings: await readSecuritySettings(trx, orgId), now });
  return { gaveUp: denials.length, opened: alerts.filter((alert) => alert.opened).length };
}

/** Per pool, its fullest hour of the ones read (the later hour on a tie: its day is today's). */
function highestFillPerPool(fills: PoolFill[]): PoolFill[] {
  const best = new Map<string, PoolFill>();
  for (const fill of fills) {
    const known = best.get(fill.subscriptionId);
    const ratio = (candidate: PoolFill) => (candidate.seats > 0 ? candidate.peak / candidate.seats : 0);
    if (!known || ratio(fill) > ratio(known) || (ratio(fill) === ratio(known) && fill.hour > known.hour)) {
      best.set(fill.subscriptionId, fill);
    }
  }
  return [...best.values()];
}

/** One step of (b) for one pool, in its transaction; true when this call opened the alert. */
async function alertOnPoolFill(trx: Db, fill: PoolFill, now: number): Promise<boolean> {
  const threshold = thresholdReached(fill.peak, fill.seats);
  if (threshold === null) return false;
  // The hour's local day: an hour that began yesterday (the previous hour, read just after midnight) is yesterday's.
  const day = localDay(fill.hour, fill.timeZone);
  const keyOf = (mark: number) => `${fill.subscriptionId}:${mark}:${day}`;
  const atOrAbove = PRESSURE_THRESHOLDS.filter((mark) => mark >= threshold).map(keyOf);
  const statuses = await findSeatAlertStatuses(trx, fill.orgId, 'seat_pressure', atOrAbove);
  if (statuses.size > 0) return false;
  const alert = await openSeatAlert(trx, {
    orgId: fill.orgId,
    type: 'seat_pressure',
    severity: pressureSeverity(threshold),
    subjectKey: keyOf(threshold),
    explanation: pressureExplanation({ ...fill, threshold, day }),
    details: {
      subscriptionId: fill.subscriptionId,
      productKey: fill.productKey,
      productName: fill.productName,
      threshold,
      peak: fill.peak,
      seats: fill.seats,
      hour: toIso(fill.hour),
      day,
      timeZone: fill.timeZone,
    },
    at: now,
    now,
  });
  const settings = await readSecuritySettings(trx, fill.orgId);
  await queueAlertNotifications(trx, { orgId: fill.orgId, alerts: [alert], settings, now });
  return alert.opened;
}
