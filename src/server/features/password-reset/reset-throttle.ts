import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { PASSWORD_RESET_REQUESTS_PER_EMAIL, PASSWORD_RESET_REQUESTS_PER_IP } from '../../../contract/password-reset.ts';
import { addressKey } from '../throttle/index.ts';

/**
 * Counts reset requests per e-mail address and per client address, and wrong reset links per
 * client address, over a fixed window: in Redis when REDIS_URL is set (every process shares the
 * counts, with an in-memory insurance count while Redis is unreachable), in memory otherwise,
 * like the sign-in throttle (throttle/login-throttle.ts). The address's count is shared by
 * requests and wrong links: one budget for everything a stranger can try from there.
 */
export interface PasswordResetThrottle {
  /** Takes one request from the e-mail's and the address's counts; the ms to wait when either is exhausted. */
  takeRequest(key: { email: string; ip: string }): Promise<number | undefined>;
  /** Takes one from the address's count for a wrong, expired or used link; the ms to wait when exhausted. */
  takeWrongLink(ip: string): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface PasswordResetLimits {
  perEmail: number;
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_PASSWORD_RESET_LIMITS: PasswordResetLimits = {
  perEmail: PASSWORD_RESET_REQUESTS_PER_EMAIL,
  perIp: PASSWORD_RESET_REQUESTS_PER_IP,
  windowSeconds: 60 * 60,
};

/** Shortest Retry-After announced (ms). */
const MIN_RETRY_AFTER_MS = 1000;
/** How long (ms) a Redis command may take before the in-memory count answers (as the sign-in throttle). */
const REDIS_COMMAND_TIMEOUT_MS = 3000;

export function createPasswordResetThrottle(options: {
  redisUrl?: string | undefined;
  limits?: PasswordResetLimits;
}): PasswordResetThrottle {
  const limits = options.limits ?? DEFAULT_PASSWORD_RESET_LIMITS;
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      })
    : undefined;
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
  const byEmail = limiter('password-reset-email', limits.perEmail);
  const byIp = limiter('password-reset-ip', limits.perIp);

  return {
    async takeRequest({ email, ip }) {
      // The e-mail's count first, whether or not an account has it; a request it refuses never
      // touches the address's count, and one the address refuses gives the e-mail's back.
      const emailRefusal = await take(byEmail, email);
      if (emailRefusal !== undefined) return emailRefusal;
      const ipRefusal = await take(byIp, addressKey(ip));
      if (ipRefusal !== undefined) await byEmail.reward(email).catch(() => undefined);
      return ipRefusal;
    },
    takeWrongLink(ip) {
      return take(byIp, addressKey(ip));
    },
    async close() {
      redis?.disconnect();
    },
  };
}

/** Undefined when taken; else the ms until the count's window ends. */
async function take(limiter: RateLimiterAbstract, key: string): Promise<number | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (rejection) {
    // Anything but a RateLimiterRes is a store failure the insurance could not absorb: never "allowed".
    if (rejection instanceof RateLimiterRes) return Math.max(rejection.msBeforeNext, MIN_RETRY_AFTER_MS);
    throw rejection;
  }
}
