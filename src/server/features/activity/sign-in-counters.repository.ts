import type { Db } from '../../db/database.ts';
import { addressKey } from './address-key.ts';

/**
 * Counts over recent sign-in attempts that the alert rules (brute force, spraying, takeover)
 * rest on. Each reads one index range: (org_id, user_id, occurred_at, id) for an account,
 * (org_id, ip_key, occurred_at, id) for an address (migrations 0001 and 0008), so the cost is
 * what the window holds, whatever the log's size.
 */

/** Failure reasons that are a guess at an account's password (a throttled attempt is one that kept guessing). */
export const PASSWORD_GUESS_REASONS = ['invalid_password', 'throttled', 'wrong_current_password'] as const;

/** Ids of the newest attempts a counter returns: enough evidence to link, bounded whatever the storm. */
export const COUNTER_EVIDENCE_LIMIT = 100;

export interface FailureCount {
  /** Attempts counted. */
  failures: number;
  /** Distinct addresses they came from. */
  addresses: number;
  /** Distinct accounts of the organization they were on. */
  accounts: number;
  /** The oldest counted attempt's time, epoch ms; null when none. */
  firstAt: number | null;
  /** The newest counted attempts' ids, newest first, at most COUNTER_EVIDENCE_LIMIT. */
  signInIds: number[];
}

/** Window: attempts with `since < occurred_at <= until` (epoch ms). */
export interface CounterWindow {
  since: number;
  until: number;
}

/**
 * Whether the counted attempts' ids are wanted, given the counts (default: always): a rule
 * under its threshold links no evidence, so an ordinary wrong password costs one query.
 */
type IdsWanted = (count: Omit<FailureCount, 'signInIds'>) => boolean;

/** Password guesses on one account of the organization within the window. */
export async function countAccountFailures(
  db: Db,
  input: { orgId: string; userId: string; window: CounterWindow; idsWanted?: IdsWanted },
): Promise<FailureCount> {
  const base = attempts(db)
    .where('org_id', '=', input.orgId)
    .where('user_id', '=', input.userId)
    .where('occurred_at', '>', input.window.since)
    .where('occurred_at', '<=', input.window.until)
    .where('outcome', '=', 'failure')
    .where('failure_reason', 'in', [...PASSWORD_GUESS_REASONS]);
  const totals = await base
    .select((eb) => [
      eb.fn.countAll<number>().as('failures'),
      eb.fn.count<number>('ip').distinct().as('addresses'),
      eb.fn.min('occurred_at').as('first_at'),
    ])
    .executeTakeFirstOrThrow();
  const count = {
    failures: Number(totals.failures),
    addresses: Number(totals.addresses),
    accounts: Number(totals.failures) > 0 ? 1 : 0,
    firstAt: totals.first_at === null ? null : Number(totals.first_at),
  };
  return { ...count, signInIds: await idsIfWanted(base, count, input.idsWanted) };
}

/**
 * Failed attempts from one address on accounts of the organization within the window, and how
 * many distinct accounts they were on (attempts on unknown e-mails belong to no organization).
 */
export async function countAddressFailures(
  db: Db,
  input: { orgId: string; ip: string; window: CounterWindow; idsWanted?: IdsWanted },
): Promise<FailureCount> {
  const key = addressKey(input.ip);
  let base = attempts(db)
    .where('org_id', '=', input.orgId)
    .where('occurred_at', '>', input.window.since)
    .where('occurred_at', '<=', input.window.until)
    .where('outcome', '=', 'failure')
    .where('user_id', 'is not', null);
  // A row stored without a key (its ip is no address) is matched by its text, as stored.
  base = key === null ? base.where('ip', '=', input.ip) : base.where('ip_key', '=', key);
  const totals = await base
    .select((eb) => [
      eb.fn.countAll<number>().as('failures'),
      eb.fn.count<number>('user_id').distinct().as('accounts'),
      eb.fn.min('occurred_at').as('first_at'),
    ])
    .executeTakeFirstOrThrow();
  const count = {
    failures: Number(totals.failures),
    addresses: Number(totals.failures) > 0 ? 1 : 0,
    accounts: Number(totals.accounts),
    firstAt: totals.first_at === null ? null : Number(totals.first_at),
  };
  return { ...count, signInIds: await idsIfWanted(base, count, input.idsWanted) };
}

function attempts(db: Db) {
  return db.selectFrom('sign_in_attempts');
}
type Base = ReturnType<typeof attempts>;

async function idsIfWanted(
  base: Base,
  count: Omit<FailureCount, 'signInIds'>,
  idsWanted: IdsWanted | undefined,
): Promise<number[]> {
  if (count.failures === 0 || (idsWanted && !idsWanted(count))) return [];
  const rows = await base
    .select('id')
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(COUNTER_EVIDENCE_LIMIT)
    .execute();
  return rows.map((row) => Number(row.id));
}
