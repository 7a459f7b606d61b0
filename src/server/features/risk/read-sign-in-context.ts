import type { SecuritySettings } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { findFailuresInWindow, findFirstSuccessfulSignInAt, findRecentSuccessfulSignIns } from '../activity/index.ts';
import { type AssessedAttempt, GUESS_REASONS, RECENT_SIGN_INS, type SignInContext } from './assess-sign-in.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * What assessSignIn needs of the user's history, in at most three indexed reads of
 * (org_id, user_id, occurred_at): the latest 50 successes; the first success, only while the
 * latest 50 cannot settle the learning period; the takeover window's failures, only on success.
 */
export async function readSignInContext(
  db: Db,
  scope: { orgId: string; userId: string },
  attempt: AssessedAttempt,
  settings: SecuritySettings,
  accountDeactivated: boolean,
): Promise<SignInContext> {
  const at = attempt.occurred_at;
  const recentSuccesses = await findRecentSuccessfulSignIns(db, scope, at, RECENT_SIGN_INS);
  const oldestRead = recentSuccesses.at(-1)?.occurred_at ?? null;
  const learningStart = at - settings.learning.days * DAY_MS;
  // Fewer than 50 read: the oldest is the first. An oldest read already old enough settles it too.
  const firstSuccessAt =
    recentSuccesses.length < RECENT_SIGN_INS || (oldestRead !== null && oldestRead <= learningStart)
      ? oldestRead
      : await findFirstSuccessfulSignInAt(db, scope);
  const failuresBefore =
    attempt.outcome === 'success'
      ? await findFailuresInWindow(
          db,
          scope,
          { from: at - settings.takeover.windowMinutes * MINUTE_MS, to: at },
          GUESS_REASONS,
        )
      : { count: 0, earliest: null };
  return {
    recentSuccesses,
    successfulSignIns: recentSuccesses.length,
    firstSuccessAt,
    failuresBefore,
    accountDeactivated,
  };
}
