import { tooManyRequests } from '../../lib/app-error.ts';
import { createAddressBrake } from '../throttle/index.ts';

/**
 * New device authorizations per address (an IPv6 client by its /64) and window: enough for an office behind one
 * NAT starting its apps together, few enough that nobody fills the table or the code space from one address.
 * Counted per server process, in memory: a light brake, not the sign-in throttle (that one guards passwords).
 */
export const DEVICE_AUTHORIZATIONS_PER_ADDRESS = 30;
export const DEVICE_AUTHORIZATION_WINDOW_SECONDS = 60;

export function createDeviceAuthorizationThrottle() {
  return createAddressBrake({
    keyPrefix: 'device-authorization',
    points: DEVICE_AUTHORIZATIONS_PER_ADDRESS,
    durationSeconds: DEVICE_AUTHORIZATION_WINDOW_SECONDS,
    refuse: (retryAfterMs) =>
      tooManyRequests(
        'too-many-device-authorizations',
        'Too many sign-ins started',
        (wait) => `Too many browser sign-ins were started from this address. Try again in ${wait}.`,
        retryAfterMs,
      ),
  });
}
