import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey, createLoginThrottle } from '../../src/server/features/throttle/login-throttle.ts';
import { REDIS_URL, redisAvailable } from '../helpers/redis.ts';
import { attemptSignIn } from '../helpers/session.ts';
import { describeEachDatabase, uniqueEmail } from '../helpers/test-app.ts';

describe('addressKey', () => {
  it('counts IPv6 by its /64 and IPv4 by the address', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });
});

// One subscriber holds a whole /64: spraying guesses from many of its addresses is one address.
describeEachDatabase(
  'sign-in throttle: an IPv6 /64 is one address',
  (ctx) => {
    it('refuses the guess past the per-address limit, whichever address of the /64 sends it', async () => {
      const answers: number[] = [];
      for (let index = 0; index < 4; index++) {
        const response = await attemptSignIn(ctx().app, uniqueEmail('spray'), 'not the password', {
          remoteAddress: `2001:db8:77:1:${(index + 1).toString(16)}::${index + 10}`,
        });
        answers.push(response.statusCode);
      }
      expect(answers).toEqual([401, 401, 401, 429]);
      // Another /64 is another subscriber.
      const elsewhere = await attemptSignIn(ctx().app, uniqueEmail('spray'), 'not the password', {
        remoteAddress: '2001:db8:77:2::1',
      });
      expect(elsewhere.statusCode).toBe(401);
    });
  },
  { throttle: { accountFailures: 5, ipFailures: 3, windowSeconds: 60 } },
);

/**
 * A Redis that stops answering (paused, overloaded, a half-open connection) must not hang every
 * sign-in: the in-memory count takes over. A TCP relay in front of the real Redis stands for the
 * network; freezing it leaves the connection open and silent.
 */
describe.skipIf(!redisAvailable)('sign-in throttle when Redis stops answering', () => {
  let relay: net.Server;
  let frozen = false;
  /** Bytes Redis has answered through the relay. */
  let answered = 0;
  const sockets = new Set<net.Socket>();
  let port = 0;

  beforeAll(async () => {
    const target = new URL(REDIS_URL);
    relay = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 6379), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => sockets.delete(socket));
      }
      client.on('data', (chunk) => {
        if (!frozen) upstream.write(chunk);
      });
      upstream.on('data', (chunk) => {
        if (frozen) return;
        answered += chunk.length;
        client.write(chunk);
      });
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    port = (relay.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => relay.close(resolve));
  });

  it('answers from the in-memory count, and still holds the limit there', async () => {
    const throttle = createLoginThrottle({
      redisUrl: `redis://127.0.0.1:${port}`,
      limits: { accountFailures: 2, ipFailures: 100, windowSeconds: 60 },
    });
    try {
      const key = { email: uniqueEmail('frozen'), ip: '198.51.100.90' };
      // First a reservation that Redis itself answers (not the insurance count of a connection still opening).
      for (let tries = 0; tries < 100; tries++) {
        const before = answered;
        await throttle.reserve({ ...key, email: uniqueEmail('warm-up') });
        if (answered > before) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      frozen = true;
      const first = await throttle.reserve(key);
      const second = await throttle.reserve(key);
      const third = await throttle.reserve(key);
      expect([first.granted, second.granted, third.granted]).toEqual([true, true, false]);
    } finally {
      frozen = false;
      await throttle.close();
    }
    // Each command waits out the timeout before the in-memory count answers: several seconds.
  }, 60_000);
});
