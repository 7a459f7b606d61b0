import { parseArgs } from 'node:util';
import { runSeatReclaim } from '../features/seat-reclaim/index.ts';
import { LEASE_HELD_EXIT_CODE } from './purge.ts';
import { report, withDatabase } from './with-database.ts';

/**
 * `reclaim-seats [--json]`: runs the dormant-seat reclaim job once, now (what the server does every
 * hour at minute 41): holders of seats idle N − 7 days are warned by e-mail, seats idle N days and
 * warned 7 days before are freed. When another process holds the lease, says so and exits with
 * LEASE_HELD_EXIT_CODE (3).
 */
export async function runReclaimSeats(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const outcome = await withDatabase((db) => runSeatReclaim(db, { now: () => Date.now() }));
  if (outcome.status === 'lease-held') {
    const until = new Date(outcome.expiresAt).toISOString();
    report(
      values.json,
      { status: 'lease-held', holder: outcome.holder, leaseExpiresAt: until },
      `Another process is running the seat reclaim (lease held until ${until}); nothing done.`,
    );
    process.exitCode = LEASE_HELD_EXIT_CODE;
    return;
  }
  const { result } = outcome;
  report(
    values.json,
    { status: outcome.status, ...result },
    `${outcome.status === 'lease-lost' ? 'Stopped (lease lost to another process): ' : ''}` +
      `${result.subscriptions} subscriptions with the policy on: ${result.warned} holders warned, ` +
      `${result.reclaimed} seats freed.`,
  );
}
