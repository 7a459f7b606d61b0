import { tooManyRequests } from '../../lib/app-error.ts';
import { createAddressBrake } from '../throttle/index.ts';

/**
 * Starts per address (an IPv6 client by its /64) and minute, this process's count: each start costs a
 * discovery request to the provider and a stored row, so a script cannot make the server hammer a
 * provider. A person clicks the button a few times at most.
 */
export const SSO_STARTS_PER_MINUTE = 20;

/** The brake of POST /auth/sso/start: throws 429 too-many-sso-starts (with Retry-After) past the limit. */
export function createSsoStartThrottle() {
  return createAddressBrake({
    keyPrefix: 'sso-start',
    points: SSO_STARTS_PER_MINUTE,
    durationSeconds: 60,
    refuse: (retryAfterMs) =>
      tooManyRequests(
        'too-many-sso-starts',
        'Too many single sign-on starts',
        (wait) => `Too many single sign-on starts from this address. Try again in ${wait}.`,
        retryAfterMs,
      ),
  });
}
