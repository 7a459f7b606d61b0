import { percentile, REQUEST_KINDS, type SimulationStats } from './stats.ts';

/** The end-of-run report: requests and latency per kind, errors by problem code, sessions, surprises. */
export function formatSummary(stats: SimulationStats, elapsedMs: number): string {
  const lines: string[] = [];
  const seconds = elapsedMs / 1000;
  lines.push(
    '',
    `Summary after ${seconds.toFixed(0)} s: ${stats.totalRequests} requests (${(stats.totalRequests / Math.max(seconds, 1)).toFixed(1)}/s), ${stats.totalErrors} answered with an error`,
    '',
  );

  const rows = REQUEST_KINDS.filter((kind) => (stats.requests.get(kind) ?? 0) > 0).map((kind) => {
    const sorted = [...(stats.latencies.get(kind) ?? [])].sort((a, b) => a - b);
    return [
      kind,
      String(stats.requests.get(kind) ?? 0),
      ms(percentile(sorted, 50)),
      ms(percentile(sorted, 90)),
      ms(percentile(sorted, 99)),
      ms(sorted.at(-1) ?? Number.NaN),
    ];
  });
  lines.push(...table(['request', 'count', 'p50', 'p90', 'p99', 'max'], rows, 'lrrrrr'), '');

  if (stats.errors.size > 0) {
    const errorRows = [...stats.errors.entries()]
      .sort((a, b) => b[1].count - a[1].count)
      .map(([code, tally]) => [
        code,
        [...tally.statuses].join('/') || '-',
        [...tally.kinds].join(', '),
        String(tally.count),
      ]);
    lines.push(...table(['error code', 'status', 'on', 'count'], errorRows, 'lrlr'), '');
  }

  const ends = [...stats.sessionEnds.entries()].sort((a, b) => b[1] - a[1]);
  lines.push(
    `Sessions: ${stats.sessionsStarted} started; ended: ${ends.map(([how, count]) => `${how} ${count}`).join(', ') || 'none'}`,
  );
  const { pool } = stats;
  if (pool.denials + pool.seatedAtOnce > 0) {
    lines.push(
      `Floating pool: ${pool.seatedAtOnce} got a seat at once, ${pool.seatedOnRetry} after waiting, ${pool.gaveUp} gave up; ` +
        `${pool.denials} refusals (403 pool-full) — see the Seat denials and Seat demand reports`,
    );
  }
  if ((stats.sessionEnds.get('abandoned') ?? 0) > 0) {
    lines.push('  (abandoned sessions stopped heartbeating without signing out; the server times them out)');
  }
  if (stats.surprises.length === 0) {
    lines.push('Every answer was one the script expected.');
  } else {
    lines.push(`${stats.surprises.length} unexpected outcome(s):`);
    for (const surprise of stats.surprises.slice(0, 20)) lines.push(`  - ${surprise}`);
    if (stats.surprises.length > 20) lines.push(`  … and ${stats.surprises.length - 20} more`);
  }
  return lines.join('\n');
}

function ms(value: number): string {
  if (Number.isNaN(value)) return '-';
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

/** `align`: one letter per column, `l` (names) or `r` (numbers). */
function table(header: string[], rows: string[][], align: string): string[] {
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)));
  const format = (row: string[]) =>
    row
      .map((cell, index) => (align[index] === 'r' ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...rows.map(format)];
}
