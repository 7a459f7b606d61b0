import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppError } from '../../lib/app-error.ts';
import { addressKey } from './login-throttle.ts';

/**
 * A light brake per client address (an IPv6 client by its /64), counted in this process's memory:
 * `points` calls per `durationSeconds`, then `refuse(msBeforeNext)` is thrown. For routes whose
 * abuse costs work (a provider round trip, a stored row), not for passwords: the sign-in throttle
 * guards those, shared through Redis.
 */
export function createAddressBrake(options: {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  refuse: (retryAfterMs: number) => AppError;
}): (ip: string) => Promise<void> {
  const limiter = new RateLimiterMemory({
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
  });
  return async (ip) => {
    try {
      await limiter.consume(addressKey(ip));
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw options.refuse(refusal.msBeforeNext);
    }
  };
}
