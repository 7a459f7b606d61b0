import { Redis } from 'ioredis';
import ipaddr from 'ipaddr.js';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Counts password guesses over a fixed window, in Redis when REDIS_URL is set (every
 * server process shares one count), in memory otherwise. A Redis outage falls back to
 * the in-memory count (insurance limiter) rather than letting every attempt through or
 * refusing everyone.
 *
 * An attempt is *reserved* before its password is verified (one atomic increment per
 * counter, the same operation in memory and in Redis), so attempts arriving together
 * cannot all read "under the limit" before any of them is recorded: at most `limit`
 * verifications per key and window, whatever the concurrency. A wrong password keeps its
 * reservation; an attempt that turns out not to be a guess gives it back.
 *
 * Who is counted where (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"):
 * - an untrusted client (no valid device credential for this account) counts against the
 *   account (`accountFailures`) and its address (`ipFailures`);
 * - a client with a valid device credential counts against that credential alone
 *   (`deviceFailures`), so strangers who exhaust the account's count cannot lock out a
 *   browser or app install that has signed in before.
 */
export interface LoginThrottle {
  /** Takes one attempt from every counter the key falls under, or none if any is exhausted. */
  reserve(key: ThrottleKey): Promise<Reservation>;
  /** Clears the account's count (a reactivated user starts clean). */
  forgetAccount(email: string): Promise<void>;
  /**
   * Calls `listener` when the shared count's store (Redis) stops answering, and when it answers
   * again: once per outage, not per failed command. Never called without REDIS_URL.
   */
  onStoreChange(listener: (change: ThrottleStoreChange) => void): void;
  close(): Promise<void>;
}

/** Redis lost (the counts go on in this process's memory) or back (the shared counts resume). */
export type ThrottleStoreChange = { state: 'lost'; error: unknown } | { state: 'back' };

export interface ThrottleKey {
  /** Normalized email: the account aimed at, known or not. */
  email: string;
  ip: string;
  /** Id (nonce) of a valid device credential for this account; absent for an untrusted client. */
  device?: string | undefined;
}

export type Reservation =
  | {
      granted: true;
      /** The password was right: clears the failures of this account (untrusted) or credential, gives back the address's share. */
      succeed(): Promise<void>;
      /** The attempt was not a guess (right password, refused for another reason): gives the reservation back. */
      release(): Promise<void>;
    }
  | { granted: false; retryAfterMs: number };

export interface ThrottleLimits {
  /** Guesses per account from untrusted clients within `windowSeconds`. */
  accountFailures: number;
  /** Guesses from one address by untrusted clients within `windowSeconds`, across accounts. */
  ipFailures: number;
  /** Guesses per device credential within `windowSeconds`; defaults to `accountFailures`. */
  deviceFailures?: number;
  windowSeconds: number;
}

/**
 * How long (ms) a Redis command may take before the in-memory insurance count answers
 * instead: a Redis that hangs (paused, overloaded, a half-open connection) must not hang
 * every sign-in with it. Each process then counts on its own until Redis answers again.
 * The timer also runs while this process's event loop is busy, so it must stay well above
 * the loop's worst lag under load: at 500 ms, a burst of 300 guesses on a busy 2-core
 * machine timed out healthy commands and let the in-memory count admit 5 more guesses.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 3000;

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  accountFailures: 5,
  ipFailures: 30,
  deviceFailures: 5,
  windowSeconds: 15 * 60,
};

/** Shortest Retry-After announced (ms): a window about to end still says "1 second". */
export const MIN_RETRY_AFTER_MS = 1000;

/**
 * A Redis client for counts (undefined without a URL): no offline queue, one retry and a command
 * timeout, so an unreachable or hanging Redis hands over to the in-memory insurance count at once.
 */
export function createThrottleRedis(redisUrl: string | undefined): Redis | undefined {
  if (!redisUrl) return undefined;
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  });
  // Errors surface through the limiter (which then uses its insurance); don't crash on them.
  redis.on('error', () => {});
  return redis;
}

/**
 * Fixed-window counters of `windowSeconds`: in Redis (keys prefixed "seatkeeper:", with an
 * in-memory insurance count) when `redis` is given, in memory otherwise.
 */
export function createLimiterFactory(
  redis: Redis | undefined,
  windowSeconds: number,
): (prefix: string, points: number) => RateLimiterAbstract {
  return (prefix, points) => {
    const memory = new RateLimiterMemory({ keyPrefix: prefix, points, duration: windowSeconds });
    if (!redis) return memory;
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `seatkeeper:${prefix}`,
      points,
      duration: windowSeconds,
      insuranceLimiter: memory,
    });
  };
}

/** Takes one point of `key`: undefined when taken; else the ms until the counter's window ends. */
export async function takePoint(limiter: RateLimiterAbstract, key: string): Promise<number | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (rejection) {
    // A RateLimiterRes means "over the limit"; anything else is a store failure the
    // insurance limiter could not absorb, and must not be read as "allowed".
    if (rejection instanceof RateLimiterRes) return Math.max(rejection.msBeforeNext, MIN_RETRY_AFTER_MS);
    throw rejection;
  }
}

export function createLoginThrottle(options: {
  redisUrl?: string | undefined;
  limits?: ThrottleLimits;
}): LoginThrottle {
  const limits = options.limits ?? DEFAULT_THROTTLE_LIMITS;
  const redis = createThrottleRedis(options.redisUrl);
  const watcher = redis ? watchRedis(redis) : undefined;
  const limiter = createLimiterFactory(redis, limits.windowSeconds);
  const byAccount = limiter('login-account', limits.accountFailures);
  const byIp = limiter('login-ip', limits.ipFailures);
  const byDevice = limiter('login-device', limits.deviceFailures ?? limits.accountFailures);

  return {
    async reserve({ email, ip, device }) {
      // A device credential is bound to one account, so its holder can only guess at that
      // account: the address's count adds no protection there, and would let a stranger on
      // the same network (office NAT, carrier-grade NAT) lock out trusted devices.
      const counters: Counter[] = device
        ? [{ limiter: byDevice, key: device }]
        : [
            { limiter: byAccount, key: email },
            { limiter: byIp, key: addressKey(ip) },
          ];
      const taken: Counter[] = [];
      // One after the other: an attempt refused by the account's count never touches the address's.
      for (const counter of counters) {
        const refusedForMs = await take(counter);
        if (refusedForMs !== undefined) {
          await Promise.all(taken.map(giveBack));
          return { granted: false, retryAfterMs: refusedForMs };
        }
        taken.push(counter);
      }
      return {
        granted: true,
        release: async () => {
          await Promise.all(taken.map(giveBack));
        },
        succeed: async () => {
          // The account's (or credential's) failures are forgotten; the address keeps its
          // other guesses (one address may serve many people) but not this attempt.
          const [own, ...shared] = taken;
          await Promise.all([own && forget(own), ...shared.map(giveBack)]);
        },
      };
    },
    async forgetAccount(email) {
      await forget({ limiter: byAccount, key: email });
    },
    onStoreChange(listener) {
      watcher?.listeners.push(listener);
    },
    async close() {
      watcher?.stop();
      redis?.disconnect();
    },
  };
}

/**
 * Follows a Redis client's connection: the first error or close after it was ready (or before it
 * ever was) is one 'lost'; the next 'ready' is 'back'. ioredis reconnects by itself (every ≤ 2 s),
 * and reports every failed reconnection as an error: those are not news.
 */
function watchRedis(redis: Redis): { listeners: ((change: ThrottleStoreChange) => void)[]; stop(): void } {
  const listeners: ((change: ThrottleStoreChange) => void)[] = [];
  let lost = false;
  let stopped = false;
  const notify = (change: ThrottleStoreChange) => {
    for (const listener of listeners) listener(change);
  };
  const lose = (error: unknown) => {
    if (lost || stopped) return;
    lost = true;
    notify({ state: 'lost', error });
  };
  redis.on('error', lose);
  redis.on('close', () => lose(new Error('connection closed')));
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    notify({ state: 'back' });
  });
  return {
    listeners,
    stop: () => {
      stopped = true;
    },
  };
}

/**
 * Logs a throttle's store changes, once per outage (docs/resilience.md, "Redis lost"): while
 * Redis is away every process limits guesses in its own memory, so N processes admit up to N
 * times the limit; the shared counts resume when it answers again.
 */
export function logThrottleStoreChanges(
  throttle: LoginThrottle,
  log: { warn(object: object, message: string): void; info(message: string): void },
): void {
  throttle.onStoreChange((change) => {
    if (change.state === 'lost') {
      log.warn(
        { err: change.error },
        "Redis does not answer: sign-in throttling counts in this process's memory until it is back",
      );
    } else {
      log.info('Redis answers again: sign-in throttling shares its counts through Redis again');
    }
  });
}

/**
 * The per-address count's key: an IPv4 address as it is, an IPv6 address by its /64. One
 * subscriber (a home, a phone, a server) is given a whole /64, so counting /128s would let
 * one attacker spray guesses from 2^64 "addresses".
 */
export function addressKey(ip: string): string {
  if (!ipaddr.IPv6.isValid(ip) || ipaddr.IPv4.isValidFourPartDecimal(ip)) return ip;
  const address = ipaddr.IPv6.parse(ip);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  const prefix = ipaddr.IPv6.parse('::');
  prefix.parts.splice(0, 4, ...address.parts.slice(0, 4));
  return `${prefix.toRFC5952String()}/64`;
}

interface Counter {
  limiter: RateLimiterAbstract;
  key: string;
}

/** Undefined when the attempt is taken; else the ms until the counter's window ends. */
function take({ limiter, key }: Counter): Promise<number | undefined> {
  return takePoint(limiter, key);
}

async function giveBack({ limiter, key }: Counter): Promise<void> {
  const state = await limiter.reward(key).catch(() => undefined);
  // A window that ended while the password was checked: the reward created a fresh key at
  // -1, which would grant the next window one attempt too many. Drop it.
  if (state && state.consumedPoints <= 0) await limiter.delete(key).catch(() => undefined);
}

async function forget({ limiter, key }: Counter): Promise<void> {
  await limiter.delete(key).catch(() => undefined);
}
