import v8 from 'node:v8';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../lib/app-error.ts';
import { sendProblem } from './errors.ts';
import type { LoadObserver } from './metrics.ts';

/** Seconds a shed client is asked to wait (Retry-After). */
export const OVERLOAD_RETRY_AFTER_S = 5;
/** Under-pressure samples the event loop and memory this often (ms). */
const SAMPLE_INTERVAL_MS = 1_000;
/**
 * Event-loop delay sheds only when this many samples in a row were over the limit: one long
 * synchronous stretch (a start-up, a big report) is not an overload, a loop that stays late is.
 */
const DELAY_SAMPLES_IN_A_ROW = 3;
/** Answered whatever the load: liveness for orchestrators, and the metrics that show the overload. */
const ALWAYS_ANSWERED = new Set(['/healthz', '/metrics']);
const MB = 1024 * 1024;

/**
 * Sheds load instead of queueing it (docs/operations.md): past a threshold of heap or RSS, or of
 * event-loop delay for DELAY_SAMPLES_IN_A_ROW seconds (@fastify/under-pressure samples them every
 * second), or with more requests in flight
 * than `maxInFlight` (requests waiting on the database or on a heartbeat batch do not delay the
 * event loop, so under-pressure alone would let them pile up), a request is answered at once with
 * 503 `overloaded` and Retry-After, before any route code runs. 0 turns a limit off.
 */
export async function registerOverloadShedding(
  app: FastifyInstance,
  limits: Config['overload'],
  observer: LoadObserver,
): Promise<void> {
  const maxHeapBytes =
    limits.maxHeapMb === undefined ? Math.floor(v8.getHeapStatistics().heap_size_limit * 0.9) : limits.maxHeapMb * MB;
  await app.register(underPressure, {
    sampleInterval: SAMPLE_INTERVAL_MS,
    maxHeapUsedBytes: maxHeapBytes,
    maxRssBytes: limits.maxRssMb * MB,
    // The answer is ours (below): the plugin only measures.
    pressureHandler: () => undefined,
  });

  let lateSamples = 0;
  const watchDelay = setInterval(() => {
    const late = limits.maxEventLoopDelayMs > 0 && app.memoryUsage().eventLoopDelay > limits.maxEventLoopDelayMs;
    lateSamples = late ? lateSamples + 1 : 0;
  }, SAMPLE_INTERVAL_MS);
  watchDelay.unref();
  app.addHook('onClose', async () => clearInterval(watchDelay));

  let inFlight = 0;
  observer.watchInFlight(() => inFlight);
  app.addHook('onRequest', (request, reply, done) => {
    if (ALWAYS_ANSWERED.has(request.routeOptions.url ?? '')) return done();
    const pressure =
      lateSamples >= DELAY_SAMPLES_IN_A_ROW ? 'event-loop-delay' : memoryPressureOf(app, limits, maxHeapBytes);
    const reason = pressure ?? (limits.maxInFlight > 0 && inFlight >= limits.maxInFlight ? 'in-flight' : undefined);
    if (reason) {
      observer.shed(reason);
      // Answered here: the rest of the request's hooks and its handler never run.
      sendProblem(reply, overloaded(reason));
      return;
    }
    inFlight++;
    // 'close' comes once per answer, sent or abandoned by the client.
    reply.raw.once('close', () => {
      inFlight--;
    });
    done();
  });
}

/** The memory threshold the last sample exceeded, if any. */
function memoryPressureOf(app: FastifyInstance, limits: Config['overload'], maxHeapBytes: number): string | undefined {
  if (!app.isUnderPressure()) return undefined;
  const usage = app.memoryUsage();
  if (maxHeapBytes > 0 && usage.heapUsed > maxHeapBytes) return 'heap';
  if (limits.maxRssMb > 0 && usage.rssBytes > limits.maxRssMb * MB) return 'rss';
  return undefined;
}

function overloaded(reason: string): AppError {
  return new AppError(
    503,
    'overloaded',
    'Server overloaded',
    `The server is over its ${reason} limit and turns requests away rather than queueing them; try again shortly.`,
    { headers: { 'Retry-After': String(OVERLOAD_RETRY_AFTER_S) } },
  );
}
