import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../lib/app-error.ts';
import { addressKey } from '../throttle/index.ts';

/**
 * New device authorizations per address (an IPv6 client by its /64) and window: enough for an office behind one
 * NAT starting its apps together, few enough that nobody fills the table or the code space from one address.
 * Counted per server process, in memory: a light brake, not the sign-in throttle (that one guards passwords).
 */
export const DEVICE_AUTHORIZATIONS_PER_ADDRESS = 30;
export const DEVICE_AUTHORIZATION_WINDOW_SECONDS = 60;

export function createDeviceAuthorizationThrottle() {
  const limiter = new RateLimiterMemory({
    keyPrefix: 'device-authorization',
    points: DEVICE_AUTHORIZATIONS_PER_ADDRESS,
    duration: DEVICE_AUTHORIZATION_WINDOW_SECONDS,
  });
  return async (ip: string): Promise<void> => {
    try {
      await limiter.consume(addressKey(ip));
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new AppError(
        429,
        'too-many-device-authorizations',
        'Too many sign-ins started',
        `Too many browser sign-ins were started from this address. Try again in ${seconds} seconds.`,
        { headers: { 'Retry-After': String(seconds) } },
      );
    }
  };
}
