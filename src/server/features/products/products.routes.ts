import { Type } from 'typebox';
import type { AppDeps } from '../../http/app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { requireUser } from '../../http/authenticate.ts';
import { pageOf } from '../../http/paging.ts';
import { listProducts } from './products.repository.ts';

export const ProductSchema = Type.Object({ key: Type.String(), name: Type.String() }, { $id: 'Product' });

export function registerProductRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/products',
    {
      preHandler: requireUser(deps),
      schema: {
        tags: ['subscriptions'],
        operationId: 'listProducts',
        summary: 'The vendor’s applications (for filters and seat pickers)',
        response: { 200: pageOf(Type.Ref('Product')), ...problems(401) },
      },
    },
    async () => ({ items: await listProducts(deps.database.db), nextCursor: null }),
  );
}
