import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../lib/app-error.ts';
import { addressKey } from '../throttle/index.ts';

/**
 * Starts per address (an IPv6 client by its /64) and minute, this process's count: each start costs a
 * discovery request to the provider and a stored row, so a script cannot make the server hammer a
 * provider. A person clicks the button a few times at most.
 */
export const SSO_STARTS_PER_MINUTE = 20;

/** The brake of POST /auth/sso/start: throws 429 too-many-sso-starts (with Retry-After) past the limit. */
export function createSsoStartThrottle() {
  const limiter = new RateLimiterMemory({ keyPrefix: 'sso-start', points: SSO_STARTS_PER_MINUTE, duration: 60 });
  return async (ip: string): Promise<void> => {
    try {
      await limiter.consume(addressKey(ip));
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new AppError(
        429,
        'too-many-sso-starts',
        'Too many single sign-on starts',
        `Too many single sign-on starts from this address. Try again in ${seconds} seconds.`,
        { headers: { 'Retry-After': String(seconds) } },
      );
    }
  };
}
