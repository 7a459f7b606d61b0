import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';
import { type Config, ConfigError } from './config.ts';
import { createDeps } from './create-deps.ts';
import { DEMO_OWNER, seedDemoIfEmpty } from './features/demo/index.ts';
import { serveClusterMetrics } from './features/metrics/index.ts';
import { findUserByEmail } from './features/users/index.ts';
import { startServer } from './start.ts';
import { ensureWebBuild } from './web-build.ts';

/**
 * `npm run cluster`: N server processes (Node's cluster module) sharing one port. The primary
 * migrates, seeds the demo organization and builds the console once, then forks the workers; each
 * worker is `npm start` without those steps. A worker that dies is replaced, unless workers keep
 * dying (the crash-loop brake); SIGTERM or SIGINT lets every worker finish its requests and exit.
 * The primary also merges the workers' metrics for /metrics (features/metrics/cluster-metrics.ts).
 * docs/scaling.md says what the processes share and how.
 */

/** More than this many worker deaths within RESTART_WINDOW_MS stop the whole cluster (exit code 1). */
export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 60_000;
/** Replacement n within the window waits (n - 1) × this (ms): a worker that dies at start is not respawned hot. */
export const RESTART_BACKOFF_MS = 1_000;
/** How long (ms) workers get to finish their requests after SIGTERM before they are killed. */
export const DRAIN_TIMEOUT_MS = 30_000;

export interface ClusterOptions {
  /** WORKERS, or undefined for the default (os.availableParallelism(); 1 over SQLite). */
  workers: number | undefined;
  /** Build the console (dist/web) when missing or stale before forking (default true). */
  buildWeb: boolean;
  log: (line: string) => void;
}

/** WORKERS: a whole number from 1 to 256; unset or empty: undefined (the default). */
export function parseWorkers(value: string | undefined): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  const workers = Number(raw);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) {
    throw new ConfigError('WORKERS', `expected a whole number from 1 to 256, got "${value}"`);
  }
  return workers;
}

/**
 * How many workers to run, and what to warn about. Over SQLite one worker only: SQLite takes one
 * writer at a time and our transactions start deferred, so a second process would meet SQLITE_BUSY
 * where a read turns into a write; PostgreSQL is what several processes share.
 */
export function planWorkers(config: Config, requested: number | undefined): { workers: number; warnings: string[] } {
  const warnings: string[] = [];
  if (config.database.kind === 'sqlite') {
    if (requested !== undefined && requested > 1) {
      throw new ConfigError(
        'WORKERS',
        `${requested} workers need PostgreSQL (DATABASE_URL=postgres://…); over SQLite run WORKERS=1 or npm start`,
      );
    }
    if (requested === undefined) warnings.push('SQLite: one worker (several processes need DATABASE_URL=postgres://…)');
    return { workers: 1, warnings };
  }
  const workers = requested ?? os.availableParallelism();
  if (workers > 1 && !config.redisUrl) {
    warnings.push(
      'REDIS_URL is not set: each worker counts sign-in failures and password-reset requests on its own, ' +
        `so an attacker spreading guesses over the ${workers} workers gets up to ${workers}× the documented limit`,
    );
  }
  return { workers, warnings };
}

/** The `cluster` command: the primary's part in the primary, the server in a worker. */
export async function runCluster(config: Config, options: ClusterOptions): Promise<void> {
  if (cluster.isWorker) {
    await runWorker(config);
    return;
  }
  await runPrimary(config, options);
}

async function runWorker(config: Config): Promise<void> {
  const { close } = await startServer(config, { buildWeb: false, seedDemo: false });
  // The primary is gone (killed): nobody hands this worker connections or replaces it; stop cleanly.
  process.once('disconnect', () => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

async function runPrimary(config: Config, options: ClusterOptions): Promise<void> {
  const { log } = options;
  const { workers, warnings } = planWorkers(config, options.workers);
  for (const warning of warnings) log(`warning: ${warning}`);

  // Once, before any worker: migrations, the demo organization, the console's build.
  const deps = await createDeps(config);
  let demoOwner = false;
  try {
    if (config.demo) {
      await seedDemoIfEmpty(deps, { log });
      demoOwner = (await findUserByEmail(deps.database.db, DEMO_OWNER.email)) !== undefined;
    }
  } finally {
    await deps.close();
  }
  if (options.buildWeb) await ensureWebBuild(log);

  // Before the first fork: a scrape of /metrics through any worker answers every worker's metrics.
  serveClusterMetrics();
  const supervisor = superviseWorkers(workers, log);
  const port = await supervisor.listening;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  log(
    [
      '',
      `Seatkeeper is running at ${url} with ${workers} worker${workers === 1 ? '' : 's'} (primary pid ${process.pid})`,
      `  database: ${config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL (DATABASE_URL)'}`,
      `  throttle: ${config.redisUrl ? 'shared in Redis (REDIS_URL)' : 'per worker (no REDIS_URL)'}`,
      `  API docs: ${url}/api/docs`,
      ...(demoOwner ? [`  demo:     sign in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`] : []),
      '',
    ].join('\n'),
  );
}

/**
 * Forks `count` workers and keeps that many running. Answers the shared port once every first worker
 * listens. Exits the primary: 0 after a signal once the workers have drained, 1 when the brake trips.
 */
function superviseWorkers(count: number, log: (line: string) => void): { listening: Promise<number> } {
  const deaths: number[] = [];
  let stopping = false;
  let listeningPort: number | undefined;
  let firstListening = 0;
  let announce: (port: number) => void = () => {};
  const listening = new Promise<number>((resolve) => {
    announce = resolve;
  });

  // The default pool (2 × cores + 2 connections) is one process's share of the database: N workers
  // split it, so the cluster opens what one server would and stays under PostgreSQL's max_connections
  // (100 by default). DATABASE_POOL_SIZE set by the operator is per worker, as documented.
  const poolSize = process.env.DATABASE_POOL_SIZE?.trim()
    ? {}
    : { DATABASE_POOL_SIZE: String(Math.max(2, Math.ceil((2 * os.availableParallelism() + 2) / count))) };
  const fork = () => cluster.fork(poolSize);
  // A worker stays in cluster.workers until both its 'exit' and 'disconnect' have come: count the living only.
  const living = () =>
    Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());

  const stopAll = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const workers = living();
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker.process.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const worker of living()) {
        log(`worker ${worker.process.pid} did not stop within ${DRAIN_TIMEOUT_MS} ms; killing it`);
        worker.process.kill('SIGKILL');
      }
    }, DRAIN_TIMEOUT_MS);
    killer.unref();
    cluster.on('exit', () => {
      if (living().length === 0) {
        log(exitCode === 0 ? 'all workers stopped' : 'cluster stopped');
        process.exit(exitCode);
      }
    });
  };

  cluster.on('listening', (worker, address) => {
    log(`worker ${worker.process.pid} listening`);
    listeningPort ??= address.port;
    firstListening += 1;
    if (firstListening === count) announce(listeningPort);
  });

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && (deaths[0] ?? now) <= now - RESTART_WINDOW_MS) deaths.shift();
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (deaths.length > MAX_RESTARTS) {
      log(
        `worker ${worker.process.pid} died (${how}); ${deaths.length} deaths within ${RESTART_WINDOW_MS / 1000} s: ` +
          'stopping the cluster instead of restarting it in a loop (see the lines above for the cause)',
      );
      stopAll(1);
      return;
    }
    const delay = (deaths.length - 1) * RESTART_BACKOFF_MS;
    log(`worker ${worker.process.pid} died (${how}); starting a replacement${delay ? ` in ${delay} ms` : ''}`);
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log(`${signal}: letting the workers finish their requests`);
      stopAll(0);
    });
  }
  for (let index = 0; index < count; index++) fork();
  return { listening };
}
