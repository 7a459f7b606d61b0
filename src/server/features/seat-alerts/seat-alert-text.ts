import type { AlertSeverity } from '../../../contract/security.ts';
import type { SeatDenialReason } from '../../db/schema.ts';
import { HOUR_MS } from '../../lib/time.ts';
import type { DeniedSubject } from './seat-alerts.repository.ts';

/** Fills of a floating pool that raise a seat_pressure alert, highest first (percent of its seats). */
export const PRESSURE_THRESHOLDS = [100, 90, 80] as const;
export type PressureThreshold = (typeof PRESSURE_THRESHOLDS)[number];

/** The highest threshold `peak` of `seats` reaches (integer arithmetic: 8 of 10 is exactly 80 %); null below 80 %. */
export function thresholdReached(peak: number, seats: number): PressureThreshold | null {
  if (seats <= 0) return null;
  return PRESSURE_THRESHOLDS.find((threshold) => peak * 100 >= threshold * seats) ?? null;
}

/** A full pool turns the next person away: worth more attention than one filling up. */
export function pressureSeverity(threshold: PressureThreshold): AlertSeverity {
  return threshold === 100 ? 'medium' : 'low';
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Wed 2 Dec 2026" for a calendar date (YYYY-MM-DD), the same whatever the ICU data of the runtime. */
export function dayLabel(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "14:00" for an instant in a time zone. */
function clockLabel(at: number, timeZone: string): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
}

export function pressureExplanation(input: {
  productName: string;
  peak: number;
  seats: number;
  threshold: PressureThreshold;
  hour: number;
  day: string;
  timeZone: string;
}): string {
  const when = `between ${clockLabel(input.hour, input.timeZone)} and ${clockLabel(input.hour + HOUR_MS, input.timeZone)} on ${dayLabel(input.day)} (${input.timeZone})`;
  if (input.threshold === 100) {
    return `All ${input.seats} seats of the ${input.productName} floating pool were in use ${when}: the next person to start it is turned away until a seat is freed.`;
  }
  const percent = Math.floor((input.peak * 100) / input.seats);
  return `The ${input.productName} floating pool reached ${input.peak} of ${input.seats} seats in use (${percent} %, past the ${input.threshold} % mark) ${when}.`;
}

function reasonText(reason: SeatDenialReason, subject: DeniedSubject): string {
  switch (reason) {
    case 'pool_full':
      return subject.seats === null ? 'the floating pool was full' : `the floating pool of ${subject.seats} was full`;
    case 'no_seat':
      return 'they hold no seat of it';
    case 'device_limit':
      return subject.deviceLimit === null
        ? 'they had reached the device limit'
        : `they already ran it on ${subject.deviceLimit} devices, the limit`;
    case 'subscription_expired':
      return 'the subscription had expired';
  }
}

/**
 * "3 people were turned away from Vectorworks Design on Wed 2 Dec 2026 and gave up: the floating pool
 * of 10 was full." With several reasons, each with its count of refused requests.
 */
export function deniedExplanation(input: {
  subject: DeniedSubject;
  people: number;
  byReason: Partial<Record<SeatDenialReason, number>>;
  day: string;
}): string {
  const reasons = Object.entries(input.byReason) as [SeatDenialReason, number][];
  const why =
    reasons.length === 1
      ? reasonText(reasons[0]?.[0] ?? 'no_seat', input.subject)
      : reasons
          .sort((a, b) => b[1] - a[1])
          .map(
            ([reason, count]) =>
              `${reasonText(reason, input.subject)} (${count} ${count === 1 ? 'request' : 'requests'})`,
          )
          .join('; ');
  const who = input.people === 1 ? '1 person was' : `${input.people} people were`;
  return `${who} turned away from ${input.subject.productName} on ${dayLabel(input.day)} and gave up: ${why}.`;
}
