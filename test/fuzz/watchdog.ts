import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Polls /healthz of a real listening server from a worker thread (its own event loop, so
 * a stalled server loop is seen while it happens), and guards the battery itself: if the
 * test thread's loop stops for HARD_STALL_MS (a synchronous hang in a handler, which no
 * timer of that thread can interrupt), it prints the request in flight and kills the
 * process, so the run fails clearly instead of hanging forever.
 */

const SLOTS = { alive: 0, pollsOk: 1, pollsFailed: 2, maxLatency: 3, stop: 4, inFlightLength: 5 } as const;
const IN_FLIGHT_BYTES = 16 * 1024;

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { url, state, inFlight, pollTimeoutMs, pollEveryMs, hardStallMs, slowMs, reportFile, start } = workerData;
const now = () => Date.now() - start;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let killed = false;
setInterval(() => {
  if (killed) return;
  const stalledFor = now() - Atomics.load(state, 0);
  if (stalledFor > hardStallMs) {
    killed = true;
    const length = Atomics.load(state, 5);
    const request = Buffer.from(inFlight.slice(0, length)).toString('utf8');
    const message = '\\n\\n[fuzz watchdog] the test thread has been blocked for ' + stalledFor + ' ms ' +
      '(a request handler that never yields). Request in flight:\\n' + request + '\\n' +
      'Killing the test process so the run fails instead of hanging. (Also written to ' + reportFile + ')\\n\\n';
    try { fs.writeFileSync(reportFile, message); } catch {}
    fs.writeSync(2, message);
    process.kill(process.pid, 'SIGKILL');
  }
}, 500);
(async () => {
  while (Atomics.load(state, 4) === 0) {
    const began = Date.now();
    const inFlightAtStart = Buffer.from(inFlight.slice(0, Atomics.load(state, 5))).toString('utf8');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(pollTimeoutMs) });
      await response.arrayBuffer();
      const latency = Date.now() - began;
      if (latency > Atomics.load(state, 3)) Atomics.store(state, 3, latency);
      if (latency >= slowMs) parentPort.postMessage({ kind: 'slow', latency, request: inFlightAtStart });
      if (response.status !== 200) throw new Error('status ' + response.status);
      Atomics.add(state, 1, 1);
    } catch (error) {
      Atomics.add(state, 2, 1);
      const length = Atomics.load(state, 5);
      parentPort.postMessage({ kind: 'failure', message: '/healthz did not answer 200 within ' + pollTimeoutMs + ' ms (' +
        (error && error.message) + ') while this request was in flight:\\n' + inFlightAtStart });
    }
    await sleep(pollEveryMs);
  }
})();
`;

export interface SlowPoll {
  latency: number;
  /** The battery's request in flight when the poll was sent. */
  request: string;
}

export interface Watchdog {
  /** Records the request being sent (printed if the process hangs or /healthz stalls). */
  inFlight(description: string): void;
  stats(): { pollsOk: number; pollsFailed: number; maxLatencyMs: number; failures: string[]; slow: SlowPoll[] };
  stop(): Promise<void>;
}

export function startWatchdog(
  healthzUrl: string,
  options: { pollTimeoutMs?: number; pollEveryMs?: number; hardStallMs?: number; slowMs?: number } = {},
): Watchdog {
  const start = Date.now();
  const state = new Int32Array(new SharedArrayBuffer(8 * Int32Array.BYTES_PER_ELEMENT));
  const inFlightBuffer = new Uint8Array(new SharedArrayBuffer(IN_FLIGHT_BYTES));
  const failures: string[] = [];
  const slow: SlowPoll[] = [];
  const reportFile = path.join(os.tmpdir(), `seatkeeper-fuzz-stall-${process.pid}.txt`);
  Atomics.store(state, SLOTS.alive, 0);
  const beat = setInterval(() => Atomics.store(state, SLOTS.alive, Date.now() - start), 100);
  beat.unref();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      url: healthzUrl,
      state,
      inFlight: inFlightBuffer,
      pollTimeoutMs: options.pollTimeoutMs ?? 10_000,
      pollEveryMs: options.pollEveryMs ?? 1_000,
      hardStallMs: options.hardStallMs ?? 45_000,
      slowMs: options.slowMs ?? 1_000,
      reportFile,
      start,
    },
  });
  worker.on('message', (message: { kind: 'failure'; message: string } | ({ kind: 'slow' } & SlowPoll)) => {
    if (message.kind === 'failure') failures.push(message.message);
    else slow.push({ latency: message.latency, request: message.request });
  });
  worker.unref();
  return {
    inFlight(description) {
      const bytes = Buffer.from(description.slice(0, IN_FLIGHT_BYTES / 4), 'utf8');
      const length = Math.min(bytes.length, IN_FLIGHT_BYTES);
      inFlightBuffer.set(bytes.subarray(0, length));
      Atomics.store(state, SLOTS.inFlightLength, length);
    },
    stats: () => ({
      pollsOk: Atomics.load(state, SLOTS.pollsOk),
      pollsFailed: Atomics.load(state, SLOTS.pollsFailed),
      maxLatencyMs: Atomics.load(state, SLOTS.maxLatency),
      failures: [...failures],
      slow: [...slow].sort((a, b) => b.latency - a.latency),
    }),
    async stop() {
      Atomics.store(state, SLOTS.stop, 1);
      clearInterval(beat);
      await worker.terminate();
      fs.rmSync(reportFile, { force: true });
    },
  };
}
