// A server process for the benchmarks: `bare` is a hello-world Fastify route (the baseline),
// `bare-cluster N PORT` the same in N node:cluster workers on PORT (the baseline of `cluster`),
// `app` is Seatkeeper itself over the database named by the environment.
import cluster from 'node:cluster';
import Fastify from 'fastify';
import { loadConfig } from '../src/server/config.ts';
import { createDeps } from '../src/server/create-deps.ts';
import { buildApp } from '../src/server/http/app.ts';

const mode = process.argv[2];
if (mode === 'bare-cluster' && cluster.isPrimary) {
  const workers = Number(process.argv[3]);
  let listening = 0;
  cluster.on('listening', () => {
    listening++;
    if (listening === workers) process.stdout.write(`LISTENING http://127.0.0.1:${process.argv[4]}\n`);
  });
  for (let index = 0; index < workers; index++) cluster.fork();
  process.once('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  });
} else if (mode === 'bare-cluster') {
  const app = Fastify();
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.listen({ port: Number(process.argv[4]), host: '127.0.0.1' });
} else if (mode === 'bare') {
  const app = Fastify();
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`LISTENING http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
} else {
  const deps = await createDeps(loadConfig());
  const app = await buildApp(deps, { webDistDir: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`LISTENING http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
  setInterval(() => process.stdout.write(`RSS ${process.memoryUsage().rss}\n`), 500).unref();
}

// The benchmark that started us is gone: nobody reads our output any more.
process.stdout.on('error', () => process.exit(0));

// Exit through process.exit so a --cpu-prof profile is written when the benchmark stops us.
process.once('SIGTERM', () => process.exit(0));
