import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SignInAttemptRow } from '../../db/schema.ts';

/**
 * What the risk detectors compare a new sign-in attempt with: earlier attempts of the same user
 * in the same organization (every query is scoped by org_id and user_id, so another
 * organization's history never reaches them). Each read is a range of the
 * (org_id, user_id, occurred_at) index, newest or oldest first, bounded by a limit or a window:
 * none scans the user's whole history.
 */
export type PastSignIn = Pick<SignInAttemptRow, Exclude<(typeof PAST_COLUMNS)[number], 'id'>> & { id: number };

const PAST_COLUMNS = [
  'id',
  'occurred_at',
  'outcome',
  'failure_reason',
  'client',
  'app_key',
  'ip',
  'country_code',
  'country',
  'region',
  'city',
  'latitude',
  'longitude',
  'asn',
  'as_organization',
  'device_type',
  'os',
  'browser',
  'device_id',
] as const;

interface UserScope {
  orgId: string;
  userId: string;
}

/** The user's latest `limit` successful sign-ins at or before `at` (ms), newest first. */
export async function findRecentSuccessfulSignIns(
  db: Db,
  scope: UserScope,
  at: number,
  limit: number,
): Promise<PastSignIn[]> {
  return db
    .selectFrom('sign_in_attempts')
    .select(PAST_COLUMNS)
    .where('org_id', '=', scope.orgId)
    .where('user_id', '=', scope.userId)
    .where('occurred_at', '<=', at)
    .where('outcome', '=', 'success')
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** When (ms) the user first signed in successfully; null when never. Reads one index entry past any leading failures. */
export async function findFirstSuccessfulSignInAt(db: Db, scope: UserScope): Promise<number | null> {
  const row = await db
    .selectFrom('sign_in_attempts')
    .select('occurred_at')
    .where('org_id', '=', scope.orgId)
    .where('user_id', '=', scope.userId)
    .where('outcome', '=', 'success')
    .orderBy('occurred_at', 'asc')
    .limit(1)
    .executeTakeFirst();
  return row?.occurred_at ?? null;
}

/**
 * The user's failed attempts with one of `reasons` from `from` to `to` (ms, both included): how
 * many, and the earliest of them. One query: the earliest row carries the window's count.
 */
export async function findFailuresInWindow(
  db: Db,
  scope: UserScope,
  window: { from: number; to: number },
  reasons: readonly string[],
): Promise<{ count: number; earliest: PastSignIn | null }> {
  if (reasons.length === 0) return { count: 0, earliest: null };
  const row = await db
    .selectFrom('sign_in_attempts')
    .select(PAST_COLUMNS)
    .select(sql<number | string>`count(*) over ()`.as('total'))
    .where('org_id', '=', scope.orgId)
    .where('user_id', '=', scope.userId)
    .where('occurred_at', '>=', window.from)
    .where('occurred_at', '<=', window.to)
    .where('outcome', '=', 'failure')
    .where('failure_reason', 'in', [...reasons])
    .orderBy('occurred_at', 'asc')
    .orderBy('id', 'asc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { count: 0, earliest: null };
  const { total, ...earliest } = row;
  return { count: Number(total), earliest };
}
