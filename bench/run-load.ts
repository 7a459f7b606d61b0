import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export interface LoadSpec {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  seconds?: number;
}

/** Runs autocannon against one URL; the load generator lives in this process, the server in another. */
export async function runLoad(baseUrl: string, spec: LoadSpec): Promise<LoadResult> {
  process.stdout.write(
    `  ${spec.name}: ${spec.seconds ?? process.env.BENCH_SECONDS ?? 10} s at ${spec.connections ?? 50} connections…\n`,
  );
  const result = await autocannon({
    url: `${baseUrl}${spec.path}`,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    body: spec.body,
    connections: spec.connections ?? 50,
    duration: spec.seconds ?? Number(process.env.BENCH_SECONDS ?? 10),
  });
  return {
    name: spec.name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Starts bench-server.ts in a child process; resolves with its URL and a peak-RSS reader. */
export function startBenchServer(mode: 'bare' | 'app', env: Record<string, string>) {
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bench/bench-server.ts', mode], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let peakRss = 0;
  return new Promise<{ url: string; peakRss: () => number; stop: () => Promise<void> }>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const match of buffer.matchAll(/RSS (\d+)/g)) peakRss = Math.max(peakRss, Number(match[1]));
      const listening = /LISTENING (\S+)/.exec(buffer);
      if (listening?.[1]) {
        resolve({
          url: listening[1],
          peakRss: () => peakRss,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
      buffer = buffer.slice(-200);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}
