import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/**
 * Counts failed sign-ins per account and per client IP over a sliding window. Kept in
 * Redis when REDIS_URL is set, so several server processes share one count; in memory
 * otherwise. A Redis outage falls back to the in-memory count (insurance limiter)
 * rather than letting every attempt through or refusing everyone.
 */
export interface LoginThrottle {
  /** Milliseconds until this email or IP may try again; 0 when not throttled. */
  retryAfterMs(key: ThrottleKey): Promise<number>;
  recordFailure(key: ThrottleKey): Promise<void>;
  /** A successful sign-in clears the account's count (not the IP's: one IP may serve many people). */
  recordSuccess(key: ThrottleKey): Promise<void>;
  close(): Promise<void>;
}

export interface ThrottleKey {
  email: string;
  ip: string;
}

export interface ThrottleLimits {
  /** Failures per account within `windowSeconds` before it is throttled. */
  accountFailures: number;
  /** Failures from one address within `windowSeconds`, across accounts. */
  ipFailures: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = { accountFailures: 5, ipFailures: 30, windowSeconds: 15 * 60 };

export function createLoginThrottle(options: {
  redisUrl?: string | undefined;
  limits?: ThrottleLimits;
}): LoginThrottle {
  const limits = options.limits ?? DEFAULT_THROTTLE_LIMITS;
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    : undefined;
  // Errors surface through the limiter (which then uses its insurance); don't crash on them.
  redis?.on('error', () => {});
  const limiter = (prefix: string, points: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: prefix, points, duration: limits.windowSeconds });
    if (!redis) return memory;
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `seatkeeper:${prefix}`,
      points,
      duration: limits.windowSeconds,
      insuranceLimiter: memory,
    });
  };
  const byAccount = limiter('login-account', limits.accountFailures);
  const byIp = limiter('login-ip', limits.ipFailures);

  const msLeft = async (target: RateLimiterAbstract, key: string, points: number) => {
    const state = await target.get(key);
    return state && state.consumedPoints >= points ? Math.max(state.msBeforeNext, 1000) : 0;
  };
  const consume = async (target: RateLimiterAbstract, key: string) => {
    // Rejection means "over the limit", which is exactly what we are counting; not an error.
    await target.consume(key).catch(() => undefined);
  };

  return {
    async retryAfterMs({ email, ip }) {
      const [account, address] = await Promise.all([
        msLeft(byAccount, email, limits.accountFailures),
        msLeft(byIp, ip, limits.ipFailures),
      ]);
      return Math.max(account, address);
    },
    async recordFailure({ email, ip }) {
      await Promise.all([consume(byAccount, email), consume(byIp, ip)]);
    },
    async recordSuccess({ email }) {
      await byAccount.delete(email).catch(() => undefined);
    },
    async close() {
      redis?.disconnect();
    },
  };
}
