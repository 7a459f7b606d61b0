import type { AppDeps } from '../../app-deps.ts';
import { startProgress } from '../../lib/progress.ts';
import { buildSignInAttemptRow, insertSignInAttempt, type NewSignInAttempt } from '../activity/index.ts';
import { raiseAlertsForSignIn } from '../alerts/index.ts';
import { addSignInAggregates } from '../report-aggregates/index.ts';
import { assessSignIn, SignInMemory } from '../risk/index.ts';
import { readSecuritySettings } from '../security-settings/index.ts';
import type { DemoAccount, DemoAttempt } from './generate-demo-activity.ts';

const BATCH_SIZE = 500;

/**
 * Six months of demo sign-ins through the detectors, in time order: each attempt judged by the
 * same assessSignIn as a live sign-in (its history kept in a SignInMemory instead of read back
 * per attempt), stored, and — when it failed or carries a flag — handed to the same alert rules
 * (raiseAlertsForSignIn), so the Security page shows what the detectors make of ordinary work and
 * of the attacks mixed into it. The reports' aggregates are added per batch of 500. Unlike a live
 * sign-in (auth, recordSignInAttempt) nothing is notified: the past mails nobody.
 */
export async function replayDemoSignIns(
  deps: AppDeps,
  orgId: string,
  attempts: DemoAttempt[],
  accounts: Map<string, DemoAccount>,
  log: (line: string) => void,
): Promise<void> {
  const db = deps.database.db;
  const settings = await readSecuritySettings(db, orgId);
  const memory = new SignInMemory();
  const progress = startProgress('Demo sign-ins', attempts.length, log);
  for (let start = 0; start < attempts.length; start += BATCH_SIZE) {
    const batch = attempts.slice(start, start + BATCH_SIZE);
    await db.transaction().execute(async (trx) => {
      const rows: NewSignInAttempt[] = [];
      for (const { attempt, client } of batch) {
        const built = buildSignInAttemptRow(deps.geo, client, attempt);
        const userId = built.user_id;
        const account = userId === null ? undefined : accounts.get(userId);
        const deactivated = account?.deactivatedAt != null && attempt.occurredAt > account.deactivatedAt;
        const evidence =
          built.org_id === null || userId === null
            ? []
            : assessSignIn(memory.contextFor(userId, built, settings, deactivated), built, settings);
        const row: NewSignInAttempt = {
          ...built,
          risk: JSON.stringify(evidence.map((item) => item.flag)),
          risk_details: JSON.stringify(evidence),
        };
        const id = await insertSignInAttempt(trx, row);
        rows.push(row);
        if (userId === null || row.org_id === null) continue;
        memory.remember(userId, { ...row, id });
        if (row.outcome === 'failure' || evidence.length > 0) {
          await raiseAlertsForSignIn(trx, { orgId, signIn: { id, row }, evidence, settings, now: row.occurred_at });
        }
      }
      await addSignInAggregates(trx, rows);
    });
    progress.increment(batch.length);
  }
  progress.stop();
}
