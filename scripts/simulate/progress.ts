import cliProgress from 'cli-progress';
import type { SimulationStats } from './stats.ts';

export interface Progress {
  /** Prints a line above the bar (or plainly when not on a terminal). */
  log(line: string): void;
  stop(): void;
}

/**
 * On a terminal, a bar redrawn every second: elapsed / total, active sessions, requests (and rate), errors. Piped to
 * a file or CI log, one plain line every 5 s instead, so the log stays readable.
 */
export function startProgress(stats: SimulationStats, runMs: number): Progress {
  const startedAt = Date.now();
  const totalSeconds = Math.round(runMs / 1000);
  const payload = () => {
    const elapsedMs = Date.now() - startedAt;
    return {
      elapsed: clock(elapsedMs),
      remaining: clock(Math.max(0, runMs - elapsedMs)),
      active: stats.activeSessions,
      requests: stats.totalRequests,
      rate: (stats.totalRequests / Math.max(1, elapsedMs / 1000)).toFixed(1),
      errors: stats.totalErrors,
    };
  };
  const elapsedSeconds = () => Math.min(totalSeconds, Math.round((Date.now() - startedAt) / 1000));

  if (!process.stdout.isTTY) {
    const line = () => {
      const p = payload();
      process.stdout.write(
        `[${p.elapsed} / ${p.remaining} left] active sessions ${p.active} · requests ${p.requests} (${p.rate}/s) · errors ${p.errors}\n`,
      );
    };
    const timer = setInterval(line, 5_000);
    return {
      log: (text) => process.stdout.write(`${text}\n`),
      stop() {
        clearInterval(timer);
        line();
      },
    };
  }

  const bars = new cliProgress.MultiBar(
    {
      format:
        '{bar} {elapsed} ({remaining} left) | active sessions {active} | requests {requests} ({rate}/s) | errors {errors}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      // Redrawn from the timer below; the stats change between updates anyway.
      fps: 4,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(totalSeconds, 0, payload());
  const timer = setInterval(() => bar.update(elapsedSeconds(), payload()), 1_000);
  return {
    log: (text) => bars.log(`${text}\n`),
    stop() {
      clearInterval(timer);
      bar.update(elapsedSeconds(), payload());
      bars.stop();
    },
  };
}

function clock(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
