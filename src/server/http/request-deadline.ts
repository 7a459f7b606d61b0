import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app-types.ts';
import { AppError, sendProblem } from './errors.ts';

/** An answer must start within this many ms (a route may set `config.deadlineMs`). */
export const REQUEST_DEADLINE_MS = 30_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's deadline in ms, instead of REQUEST_DEADLINE_MS. */
    deadlineMs?: number;
  }
}

/**
 * A per-request deadline: a request whose answer has not started when it passes gets a 503
 * problem (`timeout`, with Retry-After) instead of a connection left hanging. A streamed
 * answer (CSV) that has started is left to finish. The work itself is not cancelled; what
 * keeps it short is the bounded input (dates, ranges, page sizes) and chunked loops.
 */
export function registerRequestDeadline(app: App, defaultMs: number): void {
  const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const deadlineMs = request.routeOptions.config?.deadlineMs ?? defaultMs;
    const timer = setTimeout(() => {
      if (reply.sent || reply.raw.headersSent) return;
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
    }, deadlineMs);
    timers.set(request, timer);
  });
  const clear = async (request: FastifyRequest) => {
    clearTimeout(timers.get(request));
    timers.delete(request);
  };
  app.addHook('onResponse', clear);
  app.addHook('onRequestAbort', clear);
}
