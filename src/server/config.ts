import os from 'node:os';
import path from 'node:path';
import ipaddr from 'ipaddr.js';

/**
 * Server configuration, read once from the environment. Every variable has a safe
 * default; a bad value throws a ConfigError that names the variable, so `npm start`
 * stops with a message the operator can act on instead of a stack trace later.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `sqlite:<file>` when DATABASE_URL is unset, otherwise the postgres:// URL. */
  /** poolSize: DATABASE_POOL_SIZE, connections per process (absent when opened without loadConfig: the default). */
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize?: number };
  redisUrl: string | undefined;
  /** Addresses/CIDRs of proxies whose X-Forwarded-For hop we believe. Empty: trust none. */
  trustProxy: string[];
  publicUrl: URL;
  geoipCityDb: string | undefined;
  geoipAsnDb: string | undefined;
  smtpUrl: string | undefined;
  /** The From of the mails (SMTP_FROM); default `Seatkeeper <no-reply@<PUBLIC_URL host>>`. */
  smtpFrom: string;
  /** WEBHOOK_ALLOW_PRIVATE=1: webhooks may go to loopback, private and link-local addresses (default off). */
  webhookAllowPrivate: boolean;
  demo: boolean;
  production: boolean;
  logLevel: string;
  /** METRICS_TOKEN: a bearer token that lets other addresses than loopback and TRUST_PROXY read /metrics. */
  metricsToken: string | undefined;
  /** When to shed load with 503 (docs/operations.md); 0 turns a limit off. maxHeapMb undefined: 90 % of Node's heap limit. */
  overload: { maxEventLoopDelayMs: number; maxHeapMb: number | undefined; maxRssMb: number; maxInFlight: number };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = parsePort(env.PORT);
  const host = env.HOST?.trim() || '0.0.0.0';
  const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');
  const publicUrl = parsePublicUrl(env.PUBLIC_URL, port);
  return {
    port,
    host,
    dataDir,
    database: parseDatabase(env.DATABASE_URL, dataDir, env.DATABASE_POOL_SIZE),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicUrl,
    geoipCityDb: optional(env.GEOIP_CITY_DB),
    geoipAsnDb: optional(env.GEOIP_ASN_DB),
    smtpUrl: parseSmtpUrl(env.SMTP_URL),
    smtpFrom: parseSmtpFrom(env.SMTP_FROM, publicUrl),
    webhookAllowPrivate: parseFlag('WEBHOOK_ALLOW_PRIVATE', env.WEBHOOK_ALLOW_PRIVATE, false),
    demo: parseDemo(env.DEMO, production),
    production,
    logLevel: parseLogLevel(env.LOG_LEVEL),
    metricsToken: parseMetricsToken(env.METRICS_TOKEN),
    overload: {
      maxEventLoopDelayMs: parseLimit('OVERLOAD_MAX_EVENT_LOOP_DELAY_MS', env.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS, 1000),
      maxHeapMb:
        optional(env.OVERLOAD_MAX_HEAP_MB) === undefined
          ? undefined
          : parseLimit('OVERLOAD_MAX_HEAP_MB', env.OVERLOAD_MAX_HEAP_MB, 0),
      maxRssMb: parseLimit('OVERLOAD_MAX_RSS_MB', env.OVERLOAD_MAX_RSS_MB, 0),
      maxInFlight: parseLimit('OVERLOAD_MAX_IN_FLIGHT', env.OVERLOAD_MAX_IN_FLIGHT, 1000),
    },
  };
}

function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(value: string | undefined): number {
  if (!optional(value)) return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('PORT', `expected a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}

function parseDatabase(value: string | undefined, dataDir: string, poolSizeValue?: string): Config['database'] {
  // Checked whatever the database: a bad value is a mistake to report, not to ignore.
  const poolSize = parsePoolSize(poolSizeValue);
  const url = optional(value);
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'seatkeeper.sqlite') };
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid URL');
    }
    return { kind: 'postgres', url, poolSize };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/db.sqlite');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new ConfigError('DATABASE_URL', 'expected postgres://… or sqlite:<file> (unset: SQLite in DATA_DIR)');
}

function parseRedisUrl(value: string | undefined): string | undefined {
  const url = optional(value);
  if (!url) return undefined;
  if (!/^rediss?:\/\//.test(url)) throw new ConfigError('REDIS_URL', 'expected redis://host:port or rediss://…');
  return url;
}

function parseTrustProxy(value: string | undefined): string[] {
  const list = optional(value);
  if (!list) return [];
  return list.split(',').map((entry) => {
    const item = entry.trim();
    const valid = item.includes('/') ? isValidCidr(item) : ipaddr.isValid(item);
    if (!valid) {
      throw new ConfigError('TRUST_PROXY', `"${item}" is not an IP address or CIDR (e.g. 10.0.0.0/8)`);
    }
    return item;
  });
}

function isValidCidr(value: string): boolean {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}

function parsePublicUrl(value: string | undefined, port: number): URL {
  const raw = optional(value) ?? `http://localhost:${port}`;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url;
  } catch {
    throw new ConfigError('PUBLIC_URL', `expected an http(s) URL such as https://seats.example.com, got "${raw}"`);
  }
}

function parseSmtpUrl(value: string | undefined): string | undefined {
  const url = optional(value);
  if (!url) return undefined;
  if (!/^smtps?:\/\//.test(url)) throw new ConfigError('SMTP_URL', 'expected smtp://user:pass@host:port or smtps://…');
  return url;
}

/** A bare address or `Name <address>`; one line (it becomes a mail header). */
function parseSmtpFrom(value: string | undefined, publicUrl: URL): string {
  const from = optional(value);
  if (!from) return `Seatkeeper <no-reply@${publicUrl.hostname || 'localhost'}>`;
  if (!/^([^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(from)) {
    throw new ConfigError(
      'SMTP_FROM',
      `expected an address such as alerts@example.com or "Seatkeeper <alerts@example.com>", got "${value}"`,
    );
  }
  return from;
}

/** 1/true or 0/false; unset: the default. */
function parseFlag(variable: string, value: string | undefined, fallback: boolean): boolean {
  const flag = optional(value);
  if (flag === undefined) return fallback;
  if (flag === '1' || flag === 'true') return true;
  if (flag === '0' || flag === 'false') return false;
  throw new ConfigError(variable, `expected 1 or 0, got "${value}"`);
}

function parseDemo(value: string | undefined, production: boolean): boolean {
  const flag = optional(value);
  if (flag === undefined) return !production;
  if (flag === '1' || flag === 'true') return true;
  if (flag === '0' || flag === 'false') return false;
  throw new ConfigError('DEMO', `expected 1 or 0, got "${value}"`);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parseLogLevel(value: string | undefined): string {
  const level = optional(value) ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

/**
 * Connections per server process to PostgreSQL. Default 2 × cores + 2: a query's time is part CPU on
 * the database and part waiting (round trips, fsync at commit), so about two connections a core keep
 * the database's cores busy, and two more leave room for sign-ins beside a full heartbeat pipeline.
 * More only queue inside PostgreSQL. With N processes, N × this must stay under max_connections.
 */
export function parsePoolSize(value: string | undefined): number {
  const raw = optional(value);
  if (raw === undefined) return 2 * os.availableParallelism() + 2;
  const size = Number(raw);
  if (!/^\d+$/.test(raw) || size < 1 || size > 1000) {
    throw new ConfigError('DATABASE_POOL_SIZE', `expected a whole number from 1 to 1000, got "${value}"`);
  }
  return size;
}

/** A whole number ≥ 0 (0: no limit); unset: the default. */
function parseLimit(variable: string, value: string | undefined, fallback: number): number {
  const raw = optional(value);
  if (raw === undefined) return fallback;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(limit)) {
    throw new ConfigError(variable, `expected a whole number (0 turns the limit off), got "${value}"`);
  }
  return limit;
}

function parseMetricsToken(value: string | undefined): string | undefined {
  const token = optional(value);
  if (token === undefined) return undefined;
  if (token.length < 16 || /\s/.test(token)) {
    throw new ConfigError(
      'METRICS_TOKEN',
      'expected at least 16 characters without spaces (e.g. openssl rand -hex 32)',
    );
  }
  return token;
}
