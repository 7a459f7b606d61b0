import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWorkers, planWorkers } from '../../src/server/cluster.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { WORKER_ANSWER_TIMEOUT_MS } from '../../src/server/features/metrics/index.ts';
import { createScratchDatabase, postgresAvailable } from '../helpers/postgres.ts';
import { REDIS_URL, redisAvailable } from '../helpers/redis.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** A bound on waiting for a line, not a timing: a worker starts in seconds; a 2-core machine shared with other test runs may take a minute or more. */
const LINE_BOUND_MS = 180_000;

/** `npm run cluster` as docs/scaling.md shows it: `node bin/seatkeeper.js cluster` with WORKERS. */
function startCluster(env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/seatkeeper.js', 'cluster', '--no-web-build'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { text: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    output.text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.text += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  /** The first match of `pattern` in the output from `from` on (a character offset). */
  const waitFor = async (pattern: RegExp, from = 0): Promise<RegExpExecArray> => {
    const deadline = Date.now() + LINE_BOUND_MS;
    for (;;) {
      const match = pattern.exec(output.text.slice(from));
      if (match) return match;
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`no ${pattern} in the cluster's output:\n${output.text.slice(-4000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { child, output, exited, waitFor };
}

/** What a suite started, for its afterAll to stop even when the start-up itself failed. */
interface Started {
  cluster?: ReturnType<typeof startCluster>;
  scratch?: Awaited<ReturnType<typeof createScratchDatabase>>;
}

/** `WORKERS=2` over a scratch PostgreSQL database (and Redis when it is up), once both workers listen. */
async function startTwoWorkers(started: Started) {
  const scratch = await createScratchDatabase();
  started.scratch = scratch;
  const cluster = startCluster({
    WORKERS: '2',
    DATABASE_URL: scratch.url,
    DEMO: '0',
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...(redisAvailable ? { REDIS_URL } : {}),
  });
  started.cluster = cluster;
  const running = await cluster.waitFor(/Seatkeeper is running at (\S+) with 2 workers/);
  const workers = [...cluster.output.text.matchAll(/worker (\d+) listening/g)].map((match) => Number(match[1]));
  expect(new Set(workers).size).toBe(2);
  return { cluster, scratch, url: running[1] ?? '', workers };
}

/** A GET on a connection of its own (no keep-alive), so the primary hands each one to the next worker. */
function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** A GET on a connection of its own, with its answer's content type and body. */
function fetchOnNewConnection(url: string): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] ?? '', body }),
        );
      })
      .on('error', reject);
  });
}

/** The sum of every sample named `name` (Prometheus' text format) whose labels include `labels`. */
function total(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((label) => present.includes(label))) sum += Number(match[3]);
  }
  return sum;
}

/** The `worker` labels of the samples named `name`. */
function workerLabels(text: string, name: string): Set<string> {
  const workers = new Set<string>();
  for (const match of text.matchAll(new RegExp(`^${name}\\{[^}]*worker="(\\d+)"`, 'gm'))) workers.add(match[1] ?? '');
  return workers;
}

/** The worker pids that logged a request for `pathname` (pino's request lines carry the process's pid). */
function pidsServing(text: string, pathname: string): Set<number> {
  const pids = new Set<number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('{') || !line.includes(`"url":"${pathname}"`)) continue;
    try {
      pids.add((JSON.parse(line) as { pid: number }).pid);
    } catch {
      // a line cut by the pipe: its pair is on the next read
    }
  }
  return pids;
}

/** The pids that logged `pathname`, once `count` of them have (a log line is written just after its answer). */
async function servedBy(output: { text: string }, pathname: string, count: number): Promise<Set<number>> {
  const deadline = Date.now() + LINE_BOUND_MS;
  for (;;) {
    const pids = pidsServing(output.text, pathname);
    if (pids.size >= count || Date.now() > deadline) return pids;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the cluster command: its plan', () => {
  it('WORKERS: a whole number from 1 to 256; a bad value names the variable', () => {
    expect(parseWorkers(undefined)).toBeUndefined();
    expect(parseWorkers(' 4 ')).toBe(4);
    expect(() => parseWorkers('0')).toThrow(/WORKERS/);
    expect(() => parseWorkers('two')).toThrow(/WORKERS/);
  });

  it('over PostgreSQL: the CPU count by default, and a warning when throttles are per process (no REDIS_URL)', () => {
    const postgres = loadConfig({ DATABASE_URL: 'postgres://db.example/seats' });
    expect(planWorkers(postgres, undefined).workers).toBe(os.availableParallelism());
    const withoutRedis = planWorkers(postgres, 3);
    expect(withoutRedis.workers).toBe(3);
    expect(withoutRedis.warnings.join('\n')).toMatch(/REDIS_URL is not set.*3× the documented limit/);
    const withRedis = loadConfig({ DATABASE_URL: 'postgres://db.example/seats', REDIS_URL: 'redis://cache:6379' });
    expect(planWorkers(withRedis, 3)).toEqual({ workers: 3, warnings: [] });
  });

  it('over SQLite: one worker by default; more are refused with a message naming WORKERS', () => {
    const sqlite = loadConfig({ DATA_DIR: os.tmpdir() });
    expect(planWorkers(sqlite, undefined).workers).toBe(1);
    expect(planWorkers(sqlite, 1)).toEqual({ workers: 1, warnings: [] });
    expect(() => planWorkers(sqlite, 2)).toThrow(/WORKERS: 2 workers need PostgreSQL/);
  });
});

describe('the documentation of the cluster', () => {
  const scaling = fs.readFileSync(path.join(ROOT, 'docs/scaling.md'), 'utf8');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('shows the command these tests run: npm run cluster is `seatkeeper cluster`, with WORKERS', () => {
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.cluster).toBe('node bin/seatkeeper.js cluster');
    const example =
      'DATABASE_URL=postgres://seatkeeper:…@db:5432/seatkeeper REDIS_URL=redis://cache:6379 WORKERS=4 npm run cluster';
    expect(scaling).toContain(example);
    expect(readme).toContain(example);
  });

  it('quotes the refusal over SQLite as the command prints it', () => {
    const sqlite = loadConfig({ DATA_DIR: os.tmpdir() });
    let message = '';
    try {
      planWorkers(sqlite, 2);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(scaling.replace(/\s+/g, ' ')).toContain(`Configuration error: ${message}`);
  });

  it('the proxy example replaces X-Forwarded-For and tells the app hosts to trust the proxy', () => {
    const nginx = fs.readFileSync(path.join(ROOT, 'docs/deploy/nginx.conf'), 'utf8');
    expect(nginx).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
    expect(nginx).toMatch(/#\s+TRUST_PROXY=10\.0\.1\.5/);
    expect(nginx).toMatch(/#\s+npm run cluster/);
  });
});

describe('`seatkeeper cluster` over SQLite', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-cluster-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses WORKERS=2 before touching the database, with a message and exit code 1', {
    timeout: 120_000,
  }, async () => {
    const cluster = startCluster({ DATA_DIR: dataDir, DATABASE_URL: '', WORKERS: '2' });
    expect(await cluster.exited).toBe(1);
    expect(cluster.output.text).toContain('Configuration error: WORKERS: 2 workers need PostgreSQL');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

describe.skipIf(!postgresAvailable)('`seatkeeper cluster` with WORKERS=2 over PostgreSQL', () => {
  const started: Started = {};
  afterAll(async () => {
    started.cluster?.child.kill('SIGKILL');
    // The workers are the primary's children: a primary killed above leaves them to notice their primary is gone.
    await started.scratch?.drop();
  });

  it('both workers answer on one port, a killed worker is replaced, SIGTERM drains them', {
    timeout: 600_000,
  }, async () => {
    const { cluster, scratch, url, workers } = await startTwoWorkers(started);

    // The primary migrated the database once, before any worker started.
    const database = openDatabase({ kind: 'postgres', url: scratch.url });
    try {
      expect(await database.db.selectFrom('organizations').select('id').execute()).toEqual([]);
    } finally {
      await database.close();
    }

    // Connections take turns between the workers: both answer.
    for (let index = 0; index < 8; index++) expect(await getOnNewConnection(`${url}/healthz?round=1`)).toBe(200);
    expect(await servedBy(cluster.output, '/healthz?round=1', 2)).toEqual(new Set(workers));

    // A worker killed outright is replaced by a new one; the survivor answers meanwhile.
    const [victim, survivor] = workers as [number, number];
    const before = cluster.output.text.length;
    process.kill(victim, 'SIGKILL');
    await cluster.waitFor(new RegExp(`worker ${victim} died \\(signal SIGKILL\\); starting a replacement`), before);
    const replaced = await cluster.waitFor(/worker (\d+) listening/, before);
    const replacement = Number(replaced[1]);
    expect([victim, survivor]).not.toContain(replacement);
    for (let index = 0; index < 8; index++) expect(await getOnNewConnection(`${url}/healthz?round=2`)).toBe(200);
    expect(await servedBy(cluster.output, '/healthz?round=2', 2)).toEqual(new Set([survivor, replacement]));

    // SIGTERM to the primary: the workers finish and exit, then the primary, with code 0.
    cluster.child.kill('SIGTERM');
    expect(await cluster.exited).toBe(0);
    expect(cluster.output.text).toContain('all workers stopped');
    for (const pid of [survivor, replacement]) expect(isAlive(pid)).toBe(false);
  });
});

describe.skipIf(!postgresAvailable)('/metrics of `seatkeeper cluster` with WORKERS=2 over PostgreSQL', () => {
  const started: Started = {};
  const stopped = new Set<number>();
  afterAll(async () => {
    // A worker left stopped by a failed assertion could never notice its primary is gone.
    for (const pid of stopped) process.kill(pid, 'SIGCONT');
    started.cluster?.child.kill('SIGKILL');
    await started.scratch?.drop();
  });

  it('every scrape sums both workers, keeps a killed worker’s counts, and answers 503 while a worker is silent', {
    timeout: 600_000,
  }, async () => {
    const { cluster, url, workers } = await startTwoWorkers(started);

    // New connections take turns between the workers: both count some of these.
    const sent = 20;
    for (let index = 0; index < sent; index++) expect(await getOnNewConnection(`${url}/healthz`)).toBe(200);
    expect(await servedBy(cluster.output, '/healthz', 2)).toEqual(new Set(workers));

    // Whichever worker takes the scrape, it shows both workers' counts summed, every time.
    const scrapeTotals = async () => {
      const response = await fetchOnNewConnection(`${url}/metrics`);
      expect(response.status, response.body).toBe(200);
      expect(response.contentType).toContain('text/plain');
      return {
        body: response.body,
        requests: total(response.body, 'seatkeeper_http_requests_total', { route: '/healthz' }),
        durations: total(response.body, 'seatkeeper_http_request_duration_seconds_count', { route: '/healthz' }),
      };
    };
    let last = '';
    for (let scrape = 0; scrape < 8; scrape++) {
      const scraped = await scrapeTotals();
      expect(scraped).toMatchObject({ requests: sent, durations: sent });
      last = scraped.body;
    }
    expect(await servedBy(cluster.output, '/metrics', 2)).toEqual(new Set(workers));
    // Gauges of a process keep one series per worker; a count read from the shared database, one.
    const pids = new Set(workers.map(String));
    expect(workerLabels(last, 'process_resident_memory_bytes')).toEqual(pids);
    expect(workerLabels(last, 'seatkeeper_http_requests_in_flight')).toEqual(pids);
    expect(workerLabels(last, 'seatkeeper_db_pool_connections')).toEqual(pids);
    expect(last).toMatch(/^seatkeeper_email_outbox_pending \d+$/m);
    expect(last.match(/^seatkeeper_email_outbox_pending/gm)).toHaveLength(1);

    // A worker killed outright: its counts stay in the sum (a cluster's counter never goes down);
    // its gauges go, its replacement's come.
    const [victim, survivor] = workers as [number, number];
    const before = cluster.output.text.length;
    process.kill(victim, 'SIGKILL');
    await cluster.waitFor(new RegExp(`worker ${victim} died`), before);
    const replacement = Number((await cluster.waitFor(/worker (\d+) listening/, before))[1]);
    for (let scrape = 0; scrape < 4; scrape++) {
      const scraped = await scrapeTotals();
      expect(scraped).toMatchObject({ requests: sent, durations: sent });
      expect(workerLabels(scraped.body, 'process_resident_memory_bytes')).toEqual(
        new Set([String(survivor), String(replacement)]),
      );
    }

    // A worker that does not answer (stopped): the scrape the other worker takes answers a 503
    // problem instead of hanging or summing without it. Of two connections, one reaches the living worker.
    process.kill(survivor, 'SIGSTOP');
    stopped.add(survivor);
    const scrapes = [fetchOnNewConnection(`${url}/metrics`), fetchOnNewConnection(`${url}/metrics`)];
    try {
      const first = await Promise.race(scrapes);
      expect(first.status, first.body).toBe(503);
      expect(first.contentType).toContain('application/problem+json');
      const problem = JSON.parse(first.body) as { code: string; detail: string };
      expect(problem.code).toBe('metrics-incomplete');
      expect(problem.detail).toContain(`Worker ${survivor} did not answer within ${WORKER_ANSWER_TIMEOUT_MS} ms`);
    } finally {
      process.kill(survivor, 'SIGCONT');
      stopped.delete(survivor);
    }
    await Promise.all(scrapes);
    // Going again, it answers again, and nothing was lost or counted twice.
    for (let scrape = 0; scrape < 4; scrape++) {
      expect(await scrapeTotals()).toMatchObject({ requests: sent, durations: sent });
    }

    cluster.child.kill('SIGTERM');
    expect(await cluster.exited).toBe(0);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
