import { Type } from 'typebox';
import type { AppDeps } from '../../http/app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { AppError } from '../../http/errors.ts';

const Status = Type.Object({ status: Type.String() });

export function registerHealthRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        operationId: 'getHealth',
        summary: 'The process is alive',
        security: [],
        response: { 200: Status },
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
        response: { 200: Status, ...problems({ 503: ['database-unavailable'] }) },
      },
    },
    async () => {
      try {
        await deps.database.ping();
      } catch {
        throw new AppError(503, 'database-unavailable', 'Database unavailable', 'The database does not answer.');
      }
      return { status: 'ready' };
    },
  );
}
