import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error.ts';
import type { App } from './app-types.ts';
import { sendProblem } from './errors.ts';

/** An answer must start within this many ms (a route may set `config.deadlineMs`). */
export const REQUEST_DEADLINE_MS = 30_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's deadline in ms, instead of REQUEST_DEADLINE_MS. */
    deadlineMs?: number;
  }
}

/** How often (ms) in-flight requests are checked against their deadline: the deadline's precision. */
const SWEEP_MS = 1000;

/**
 * A per-request deadline: a request whose answer has not started when it passes gets a 503
 * problem (`timeout`, with Retry-After) instead of a connection left hanging. A streamed
 * answer (CSV) that has started is left to finish. The work itself is not cancelled; what
 * keeps it short is the bounded input (dates, ranges, page sizes) and chunked loops.
 *
 * One timer sweeps the requests in flight once a second (a deadline is kept to within a
 * second) rather than a timer per request: at tens of thousands of heartbeats a second, a
 * timer each was a measurable share of the work.
 */
export function registerRequestDeadline(app: App, defaultMs: number): void {
  const inFlight = new Map<FastifyRequest, { reply: FastifyReply; deadline: number; deadlineMs: number }>();
  let sweeper: NodeJS.Timeout | undefined;
  const sweep = () => {
    const now = Date.now();
    for (const [request, entry] of inFlight) {
      if (entry.deadline > now) continue;
      inFlight.delete(request);
      const { reply, deadlineMs } = entry;
      if (reply.sent || reply.raw.headersSent) continue;
      request.log.warn({ deadlineMs }, 'request deadline passed; answered 503');
      sendProblem(
        reply,
        new AppError(
          503,
          'timeout',
          'The request took too long',
          `No answer within ${Math.round(deadlineMs / 1000)} s. Try again later, or ask for less (a shorter range).`,
          { headers: { 'Retry-After': '30' } },
        ),
      );
    }
    if (inFlight.size === 0) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  };
  app.addHook('onRequest', (request, reply, done) => {
    const deadlineMs = request.routeOptions.config?.deadlineMs ?? defaultMs;
    inFlight.set(request, { reply, deadline: Date.now() + deadlineMs, deadlineMs });
    // Never keeps the process alive on its own; stops when nothing is in flight.
    sweeper ??= setInterval(sweep, Math.min(SWEEP_MS, deadlineMs)).unref();
    done();
  });
  const forget = (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    inFlight.delete(request);
    done();
  };
  app.addHook('onResponse', forget);
  app.addHook('onRequestAbort', (request, done) => {
    inFlight.delete(request);
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    clearInterval(sweeper);
    inFlight.clear();
    done();
  });
}
