import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { App } from './app-types.ts';

/** OpenAPI 3.1 from the routes' own schemas: /api/openapi.json, browsable at /api/docs. */
export async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Seatkeeper API',
        version: '1.0.0',
        description:
          'Users, seats and sign-in activity of an organization. Errors are application/problem+json (RFC 9457). ' +
          'Cookie-authenticated requests that change state must send X-CSRF-Token.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sk_session' },
          appSession: {
            type: 'http',
            scheme: 'bearer',
            description: 'The sessionToken from POST /api/v1/app/sessions',
          },
        },
      },
      security: [{ session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
