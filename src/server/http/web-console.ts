import fs from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/app-error.ts';
import type { App } from './app-types.ts';
import { sendProblem } from './errors.ts';

export const WEB_DIST_DIR = path.resolve(import.meta.dirname, '../../../dist/web');

/**
 * Serves the built console (dist/web). Unknown paths outside /api get index.html so
 * that deep links (/users/42/activity) load the single-page app; /api stays JSON.
 */
export async function registerWebConsole(app: App, distDir = WEB_DIST_DIR): Promise<void> {
  const hasBuild = () => fs.existsSync(path.join(distDir, 'index.html'));
  if (fs.existsSync(distDir)) {
    // The console's files go out compressed (br or gzip, as the browser asks): its main script is
    // ~440 KB raw, ~130 KB in brotli. Only these types: the API's JSON and CSV stay as they are, so no
    // answer that holds a secret (a session's CSRF token) is ever compressed beside reflected input.
    await app.register(fastifyCompress, {
      global: true,
      customTypes: /^(text\/(html|css|javascript)|application\/javascript|image\/svg\+xml)\b/,
      encodings: ['br', 'gzip'],
    });
    // wildcard: files are looked up per request, so a rebuild's new assets are served without a restart.
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: true,
      index: false,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        // Vite's hashed assets never change under the same name; everything else is revalidated.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // The root is a folder to the static handler (403 with index: false): it is the console's start page.
    app.get('/', { schema: { hide: true } }, (_request: FastifyRequest, reply: FastifyReply) =>
      hasBuild() ? reply.sendFile('index.html') : reply.callNotFound(),
    );
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/') && hasBuild();
    if (isPage && !path.extname(request.url.split('?')[0] ?? '')) {
      return reply.sendFile('index.html');
    }
    return sendProblem(
      reply,
      new AppError(404, 'not-found', 'Not found', `No route for ${request.method} ${request.url.split('?')[0]}`),
    );
  });
}
