import { Type } from 'typebox';
import type { AppDeps } from '../../http/app-deps.ts';
import type { App } from '../../http/app-types.ts';
import { AppError } from '../../http/errors.ts';

const Status = Type.Object({ status: Type.String() });

export function registerHealthRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'The process is alive', response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers; a load balancer may send traffic',
        response: { 200: Status, 503: Type.Ref('Problem') },
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
