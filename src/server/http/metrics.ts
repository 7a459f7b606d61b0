import { createHash, timingSafeEqual } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { Counter, Gauge, Histogram, prometheusContentType, Registry } from 'prom-client';
import type { AppDeps } from '../app-deps.ts';
import { processRegistry, SAME_IN_EVERY_WORKER, shareWorkerMetrics } from '../features/metrics/index.ts';
import { countPendingNotifications, type PendingNotifications } from '../features/notifications/index.ts';
import { AppError } from '../lib/app-error.ts';
import type { App } from './app-types.ts';
import { normalizeIp } from './client-ip.ts';
import { sendProblem } from './errors.ts';

/** Queue depths are counted at most this often (ms); scrapes in between answer the last counts. */
export const QUEUE_DEPTH_CACHE_MS = 5_000;

/** What the overload guard reports to the metrics (overload.ts). */
export interface LoadObserver {
  /** One request refused because the server is over a limit; `reason` names the limit. */
  shed(reason: string): void;
  /** How many requests are being answered now; read at each scrape. */
  watchInFlight(count: () => number): void;
}

/**
 * GET /metrics in Prometheus' text format: the process's metrics (features/metrics) and this
 * app's own: requests by route pattern, method and status, their durations, requests in flight
 * and shed, the notification queues' depths and the PostgreSQL pool. Readable from loopback, from
 * the TRUST_PROXY addresses, or with `Authorization: Bearer <METRICS_TOKEN>` (docs/operations.md).
 * In a worker of `npm run cluster`, every living worker's metrics, merged (features/metrics/cluster-metrics.ts).
 */
export function registerMetrics(app: App, deps: AppDeps): LoadObserver {
  const registry = new Registry();
  const requests = new Counter({
    name: 'seatkeeper_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern ("unmatched" when no route matched) and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'seatkeeper_http_request_duration_seconds',
    help: 'Time from the arrival of a request to the end of its answer, in seconds.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const shed = new Counter({
    name: 'seatkeeper_http_requests_shed_total',
    help: 'Requests answered 503 overloaded, by the limit that was exceeded.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  let inFlight = () => 0;
  new Gauge({
    name: 'seatkeeper_http_requests_in_flight',
    help: 'Requests being answered now.',
    registers: [registry],
    collect() {
      this.set(inFlight());
    },
  });
  registerQueueGauges(registry, deps);
  registerPoolGauges(registry, deps);

  app.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
    done();
  });

  const allowed = metricsAccess(deps.config.trustProxy, deps.config.metricsToken);
  // Undefined outside a cluster worker: one process answers for itself, as it always has.
  const scrapeCluster = shareWorkerMetrics([processRegistry, registry]);
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!allowed(request.ip, request.headers.authorization)) {
      return sendProblem(
        reply,
        new AppError(
          403,
          'metrics-forbidden',
          'Metrics not available to this address',
          'Scrape from loopback or a TRUST_PROXY address, or send Authorization: Bearer <METRICS_TOKEN>.',
        ),
      );
    }
    if (scrapeCluster) {
      const scraped = await scrapeCluster();
      if (!scraped.complete) {
        return sendProblem(
          reply,
          new AppError(503, 'metrics-incomplete', 'Metrics of the cluster incomplete', scraped.detail),
        );
      }
      return reply.type(prometheusContentType).send(scraped.text);
    }
    const merged = Registry.merge([processRegistry, registry]);
    return reply.type(merged.contentType).send(await merged.metrics());
  });

  return {
    shed: (reason) => shed.inc({ reason }),
    watchInFlight: (count) => {
      inFlight = count;
    },
  };
}

/** Pending e-mails, webhook deliveries and digest items, counted at most every QUEUE_DEPTH_CACHE_MS. */
function registerQueueGauges(registry: Registry, deps: AppDeps): void {
  let last: { at: number; depths: PendingNotifications } | undefined;
  let counting: Promise<PendingNotifications | undefined> | undefined;
  const depths = async (): Promise<PendingNotifications | undefined> => {
    if (last && Date.now() - last.at < QUEUE_DEPTH_CACHE_MS) return last.depths;
    // One count at a time, however many scrapes arrive together; a database that does not
    // answer leaves the gauges at their last values rather than failing the scrape.
    counting ??= countPendingNotifications(deps.database.db)
      .then((counted) => {
        last = { at: Date.now(), depths: counted };
        return counted;
      })
      .catch(() => last?.depths)
      .finally(() => {
        counting = undefined;
      });
    return counting;
  };
  const gauge = (name: string, help: string, pick: (depths: PendingNotifications) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      // The shared database's count, the same whichever worker reads it: one series in a cluster.
      aggregator: SAME_IN_EVERY_WORKER,
      async collect() {
        const counted = await depths();
        if (counted) this.set(pick(counted));
      },
    });
  gauge('seatkeeper_email_outbox_pending', 'E-mails waiting to be sent (will still be tried).', (d) => d.emails);
  gauge(
    'seatkeeper_webhook_deliveries_pending',
    'Webhook deliveries waiting for an attempt or a retry.',
    (d) => d.webhooks,
  );
  gauge(
    'seatkeeper_alert_digest_items_pending',
    'Alerts waiting for their organization’s e-mail digest.',
    (d) => d.digestItems,
  );
}

/** PostgreSQL only: the pool's connections (SQLite is one connection in the process, no pool). */
function registerPoolGauges(registry: Registry, deps: AppDeps): void {
  const poolStats = deps.database.poolStats;
  if (!poolStats) return;
  type PoolStats = ReturnType<typeof poolStats>;
  const gauge = (name: string, help: string, pick: (stats: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(pick(poolStats()));
      },
    });
  gauge('seatkeeper_db_pool_connections', 'PostgreSQL connections open in the pool.', (s) => s.total);
  gauge('seatkeeper_db_pool_idle_connections', 'PostgreSQL connections open and idle.', (s) => s.idle);
  gauge('seatkeeper_db_pool_waiting_requests', 'Queries waiting for a free PostgreSQL connection.', (s) => s.waiting);
}

/**
 * Who may read /metrics: the client address (after TRUST_PROXY, so a forged X-Forwarded-For does
 * not count) on loopback or among the trusted proxies, or anyone with the bearer METRICS_TOKEN.
 */
export function metricsAccess(
  trustProxy: string[],
  token: string | undefined,
): (ip: string, authorization: string | undefined) => boolean {
  const ranges = trustProxy.map((entry) =>
    entry.includes('/') ? ipaddr.parseCIDR(entry) : ([ipaddr.parse(entry), entry.includes(':') ? 128 : 32] as const),
  );
  const tokenDigest = token === undefined ? undefined : sha256(token);
  return (ip, authorization) => {
    if (isLocalOrTrusted(ip, ranges)) return true;
    if (tokenDigest === undefined || !authorization?.startsWith('Bearer ')) return false;
    // Compared as digests: equal lengths, constant time.
    return timingSafeEqual(sha256(authorization.slice('Bearer '.length)), tokenDigest);
  };
}

function isLocalOrTrusted(ip: string, ranges: readonly (readonly [ipaddr.IPv4 | ipaddr.IPv6, number])[]): boolean {
  const normalized = normalizeIp(ip);
  if (!ipaddr.isValid(normalized)) return false;
  const address = ipaddr.parse(normalized);
  if (address.range() === 'loopback') return true;
  return ranges.some(([network, bits]) =>
    address instanceof ipaddr.IPv4
      ? network instanceof ipaddr.IPv4 && address.match(network, bits)
      : network instanceof ipaddr.IPv6 && address.match(network, bits),
  );
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
