import type { SignInDetail } from '../../../contract/sign-ins';
import { formatDuration } from '../../lib/format-duration';

type Previous = Pick<NonNullable<SignInDetail['previous']>, 'distanceKm' | 'elapsedSeconds' | 'speedKmh'>;

const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** "1,432 km"; "less than 1 km" for the same place seen twice; null when either place is unknown. */
export function formatDistance(km: number | null): string | null {
  if (km === null || !Number.isFinite(km) || km < 0) return null;
  if (km < 1) return 'less than 1 km';
  return `${whole.format(km)} km`;
}

/** "930 km/h"; null when unknown or when no time passed (a speed would be infinite, not informative). */
export function formatSpeed(kmh: number | null): string | null {
  if (kmh === null || !Number.isFinite(kmh) || kmh < 0) return null;
  return `${whole.format(kmh)} km/h`;
}

/**
 * The step from the user's previous sign-in to this one, in words for the drawer: how far (km), how long before
 * ("2 d 3 h"), and how fast one would have had to travel — what makes "impossible travel" visible.
 */
export function describeTravel(previous: Previous): { distance: string | null; elapsed: string; speed: string | null } {
  return {
    distance: formatDistance(previous.distanceKm),
    elapsed: formatDuration(previous.elapsedSeconds),
    speed: previous.elapsedSeconds > 0 ? formatSpeed(previous.speedKmh) : null,
  };
}
