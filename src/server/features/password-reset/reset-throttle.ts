import { PASSWORD_RESET_REQUESTS_PER_EMAIL, PASSWORD_RESET_REQUESTS_PER_IP } from '../../../contract/password-reset.ts';
import { addressKey, createLimiterFactory, createThrottleRedis, takePoint as take } from '../throttle/index.ts';

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

export function createPasswordResetThrottle(options: {
  redisUrl?: string | undefined;
  limits?: PasswordResetLimits;
}): PasswordResetThrottle {
  const limits = options.limits ?? DEFAULT_PASSWORD_RESET_LIMITS;
  // The sign-in throttle's Redis client and counters (same timeouts, same in-memory insurance).
  const redis = createThrottleRedis(options.redisUrl);
  const limiter = createLimiterFactory(redis, limits.windowSeconds);
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
