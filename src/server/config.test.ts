import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has safe defaults: SQLite in ./data, port 3000, demo on outside production, no trusted proxy', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', demo: true, trustProxy: [], redisUrl: undefined });
    expect(config.database).toEqual({ kind: 'sqlite', file: path.resolve('data/seatkeeper.sqlite') });
    expect(config.publicUrl.toString()).toBe('http://localhost:3000/');
  });

  it('seeds nothing in production unless DEMO=1 says so', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ DEMO: '0' }).demo).toBe(false);
  });

  it('sends mail from no-reply at the public host and refuses private webhook addresses unless allowed', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://seats.example.com' });
    expect(config.smtpFrom).toBe('Seatkeeper <no-reply@seats.example.com>');
    expect(config.webhookAllowPrivate).toBe(false);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: '1' }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: '0' }).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ SMTP_FROM: 'IT <it@example.com>' }).smtpFrom).toBe('IT <it@example.com>');
  });

  it('reads PostgreSQL, Redis and trusted proxies', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app@db:5432/seatkeeper',
      REDIS_URL: 'redis://cache:6379',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.10,::1',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://app@db:5432/seatkeeper',
      poolSize: 2 * os.availableParallelism() + 2,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', DATABASE_POOL_SIZE: '24' }).database).toMatchObject({
      poolSize: 24,
    });
    expect(config.redisUrl).toBe('redis://cache:6379');
    expect(config.trustProxy).toEqual(['10.0.0.0/8', '192.168.1.10', '::1']);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/x'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_POOL_SIZE', 'many'],
    ['REDIS_URL', 'localhost:6379'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'proxy.internal'],
    ['PUBLIC_URL', 'ftp://example.com'],
    ['SMTP_URL', 'mail.example.com'],
    ['SMTP_FROM', 'Seatkeeper <alerts@example.com'],
    ['SMTP_FROM', 'alerts@example.com\nBcc: x@example.com'],
    ['WEBHOOK_ALLOW_PRIVATE', 'yes'],
    ['DEMO', 'yes please'],
    ['LOG_LEVEL', 'loud'],
  ])('stops on a bad %s (%s) with a message naming it', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}: `));
  });
});
