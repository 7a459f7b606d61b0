import { HealthStatus } from '../../../contract/health.ts';
import type { AppDeps } from '../../app-deps.ts';
import { DATABASE_UNAVAILABLE_RETRY_AFTER_S } from '../../db/errors.ts';
import { type App, problems } from '../../http/app-types.ts';
import { AppError } from '../../lib/app-error.ts';

export function registerHealthRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        operationId: 'getHealth',
        summary: 'The process is alive',
        security: [],
        response: { 200: HealthStatus },
      },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        operationId: 'getReadiness',
        summary: 'The database answers; a load balancer may send traffic',
        security: [],
        response: { 200: HealthStatus, ...problems({ 503: ['database-unavailable'] }) },
      },
    },
    async () => {
      try {
        await deps.database.ping();
      } catch {
        // Not ready: a load balancer sends traffic elsewhere; the process stays up and answers
        // again as soon as the database does (docs/resilience.md).
        throw new AppError(503, 'database-unavailable', 'Database unavailable', 'The database does not answer.', {
          headers: { 'Retry-After': String(DATABASE_UNAVAILABLE_RETRY_AFTER_S) },
        });
      }
      return { status: 'ready' };
    },
  );
}
