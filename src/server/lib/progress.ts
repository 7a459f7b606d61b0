import cliProgress from 'cli-progress';

export interface Progress {
  increment(by?: number): void;
  stop(): void;
}

/**
 * A progress bar on a terminal; in CI logs and pipes (no TTY), a line every 10 % instead
 * of thousands of carriage returns.
 */
export function startProgress(label: string, total: number, log: (line: string) => void): Progress {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { increment: (by = 1) => bar.increment(by), stop: () => bar.stop() };
  }
  let done = 0;
  let lastTenth = -1;
  return {
    increment(by = 1) {
      done += by;
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        log(`${label}: ${Math.min(100, tenth * 10)}% (${done}/${total})`);
      }
    },
    stop() {},
  };
}
