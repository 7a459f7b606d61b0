import { parseArgs } from 'node:util';
import { RETENTION_KINDS, runRetention } from '../features/retention/index.ts';
import { report, withDatabase } from './with-database.ts';

/** Exit code when another process holds the retention lease (documented in docs/retention.md). */
export const LEASE_HELD_EXIT_CODE = 3;

/**
 * `purge [--json]`: runs the retention job once, now, for every organization (what the server
 * does every hour): raw events and audit entries past retention deleted, addresses cut past the
 * anonymisation age. Progress on stderr; the result on stdout. When another process holds the
 * lease (a server running it this minute), says so and exits with LEASE_HELD_EXIT_CODE.
 */
export async function runPurge(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const outcome = await withDatabase((db) =>
    runRetention(db, {
      now: () => Date.now(),
      onProgress: ({ orgId, kind, rows }) => {
        // One line per 10,000 rows of a kind (and the first batch), not one per batch.
        if (rows % 10_000 < 1_000 || rows < 1_000) {
          process.stderr.write(`${orgId ?? '(unknown accounts)'}: ${kind} ${rows}\n`);
        }
      },
    }),
  );
  if (outcome.status === 'lease-held') {
    const until = new Date(outcome.expiresAt).toISOString();
    report(
      values.json,
      { status: 'lease-held', holder: outcome.holder, leaseExpiresAt: until },
      `Another process is running the purge (lease held until ${until}); nothing done.`,
    );
    process.exitCode = LEASE_HELD_EXIT_CODE;
    return;
  }
  const { result } = outcome;
  const done = RETENTION_KINDS.filter((kind) => result.totals[kind] > 0).map(
    (kind) => `${result.totals[kind]} ${kind}`,
  );
  report(
    values.json,
    { status: outcome.status, ...result },
    outcome.status === 'lease-lost'
      ? `The purge lost its lease to another process and stopped: ${done.join(', ') || 'nothing done'}.`
      : `Purged ${result.organizations} organizations in ${(result.durationMs / 1000).toFixed(1)} s: ${done.join(', ') || 'nothing to do'}.`,
  );
}
