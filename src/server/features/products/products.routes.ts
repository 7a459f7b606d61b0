import { ProductPage } from '../../../contract/products.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { requireUser } from '../../http/authenticate.ts';
import { listProducts } from './products.repository.ts';

export function registerProductRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/products',
    {
      preHandler: requireUser(deps),
      schema: {
        tags: ['subscriptions'],
        operationId: 'listProducts',
        summary: 'The vendor’s applications (for filters and seat pickers)',
        response: { 200: ProductPage, ...problems(401) },
      },
    },
    async () => ({ items: await listProducts(deps.database.db), nextCursor: null }),
  );
}
