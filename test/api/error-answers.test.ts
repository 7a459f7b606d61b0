import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/http/app.ts';
import type { App } from '../../src/server/http/app-types.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/** Writes raw bytes to the server and reads until it closes: what a client sees before any routing. */
function rawExchange(port: number, request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n', 2);
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
    });
    socket.write(request);
  });
}

function expectProblem(answer: { status: number; headers: string; body: string }, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.headers).toContain('content-type: application/problem+json');
  const body = JSON.parse(answer.body) as { status: number; type: string; code: string; title: string };
  expect(body).toMatchObject({ status, type: `/problems/${body.code}` });
  expect(body.title).toBeTruthy();
  return body;
}

describe('every error is application/problem+json', () => {
  let context: TestContext;
  let cleanup: () => Promise<void>;
  let port: number;

  beforeAll(async () => {
    ({ context, cleanup } = await createTestContext('sqlite'));
    await context.app.listen({ port: 0, host: '127.0.0.1' });
    const address = context.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => cleanup());

  it('request headers too large → 431 problem (raised by Node’s parser, before Fastify)', async () => {
    const answer = await rawExchange(
      port,
      `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Filler: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
    );
    expect(expectProblem(answer, 431).code).toBe('headers-too-large');
  });

  it('a request that is not HTTP → 400 problem', async () => {
    const answer = await rawExchange(port, 'HELLO THERE\r\n\r\n');
    expect(expectProblem(answer, 400).code).toBe('bad-request');
  });

  it('a path that is not valid percent-encoding → 400 problem, without echoing the path', async () => {
    const answer = await rawExchange(
      port,
      'GET /api/v1/users/%E0%A4%A HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    const body = expectProblem(answer, 400);
    expect(body.code).toBe('invalid-url');
    expect(answer.body).not.toContain('%E0');
  });

  it('a path parameter longer than any id → 414 problem', async () => {
    const answer = await rawExchange(
      port,
      `GET /api/v1/users/${'x'.repeat(500)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    );
    expect(expectProblem(answer, 414).code).toBe('uri-too-long');
  });

  it('unknown routes and methods → 404 problem', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nope'],
      ['DELETE', '/api/v1/me'],
      ['PROPFIND', '/api/v1/users'],
    ] as const) {
      const answer = await rawExchange(
        port,
        `${method} ${url} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
      );
      expect(expectProblem(answer, 404).code, `${method} ${url}`).toBe('not-found');
    }
  });
});

describe('the per-request deadline', () => {
  let context: TestContext;
  let cleanup: () => Promise<void>;
  let app: App;
  let release: () => void = () => {};

  beforeAll(async () => {
    ({ context, cleanup } = await createTestContext('sqlite'));
    app = await buildApp(context.deps, { webDistDir: false, requestDeadlineMs: 2000 });
    // A handler that never finishes by itself (until the suite ends): its request must still get an answer.
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.get('/test/stuck', { schema: { hide: true } }, async () => {
      await stuck;
      return { late: true };
    });
    await app.ready();
  });
  afterAll(async () => {
    release();
    await app.close();
    await cleanup();
  });

  it('answers 503 problem `timeout` with Retry-After when a handler has not answered in time', async () => {
    const response = await app.inject({ url: '/test/stuck' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.json()).toMatchObject({ code: 'timeout', status: 503 });
  });

  it('leaves answers that come in time alone', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('while the server shuts down', () => {
  it('a request on a kept-alive connection → 503 problem and the connection closes', async () => {
    const { context, cleanup } = await createTestContext('sqlite');
    const app = await buildApp(context.deps, { webDistDir: false });
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    app.get('/test/busy', { schema: { hide: true } }, async () => {
      entered();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { done: true };
    });
    let closingStarted: () => void = () => {};
    const closeBegun = new Promise<void>((resolve) => {
      closingStarted = resolve;
    });
    // Registered after the app's own preClose hook: runs once the app knows it is closing.
    app.addHook('preClose', async () => closingStarted());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const socket = net.connect(port, '127.0.0.1');
      let received = '';
      socket.setEncoding('utf8');
      const busyAnswered = new Promise<void>((resolve) => {
        socket.on('data', (chunk: string) => {
          received += chunk;
          if (received.includes('{"done":true}')) resolve();
        });
      });
      const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write('GET /test/busy HTTP/1.1\r\nHost: localhost\r\n\r\n');
      await inside;
      const closing = app.close();
      await closeBegun;
      // The second request arrives while the first is still being answered (pipelined).
      const secondArrived = new Promise<void>((resolve) =>
        app.server.on('request', (request: { url?: string }) => {
          if (request.url === '/healthz') resolve();
        }),
      );
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
      await secondArrived;
      release();
      await busyAnswered;
      await socketClosed;
      await closing;
      const second = received.slice(received.indexOf('{"done":true}') + '{"done":true}'.length);
      const [head = '', body = ''] = second.split('\r\n\r\n', 2);
      expectProblem({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body }, 503);
      expect(head.toLowerCase()).toContain('connection: close');
    } finally {
      await cleanup();
    }
  });
});
