import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { freeSeat } from '../licenses/index.ts';
import { acquireJobLease, findJobLease, PROCESS_HOLDER, releaseJobLease, renewJobLease } from '../retention/index.ts';
import { queueReclaimWarning } from './reclaim-mail.ts';
import { judgeSeat, type ReclaimJudgement, warnCutoff } from './reclaim-rules.ts';
import {
  claimDueSeat,
  findIdleSeats,
  type IdleSeatRow,
  listReclaimPolicies,
  markReclaimWarned,
  RECLAIMED,
  type ReclaimPolicy,
} from './seat-reclaim.repository.ts';

/** The job's name in job_leases. */
export const RECLAIM_JOB = 'seat-reclaim';
/** A holder that stops renewing (a dead process) loses the lease after this long (ms). */
const LEASE_MS = 60_000;
/** Renewed between batches once this much of it has passed (ms). */
const RENEW_AFTER_MS = 10_000;
/** Seats per batch, each batch one transaction: a reclaim ends sessions and leases, so keep it short. */
export const RECLAIM_BATCH = 100;

const SYSTEM_ACTOR: AuditActor = { type: 'system', label: 'seat reclaim job' };

/** A random holder id for this process: two processes never share one. */

export interface ReclaimRunResult {
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  /** Subscriptions with the policy on that were looked at. */
  subscriptions: number;
  /** Holders warned by e-mail in this run. */
  warned: number;
  /** Seats freed in this run. */
  reclaimed: number;
}

export type ReclaimOutcome =
  | { status: 'done'; result: ReclaimRunResult }
  | { status: 'lease-held'; holder: string; expiresAt: number }
  | { status: 'lease-lost'; result: ReclaimRunResult };

export interface ReclaimOptions {
  now: () => number;
  /** This process's lease holder id (random per process). */
  holder?: string;
  batchSize?: number;
}

class LeaseLost extends Error {}

/**
 * The dormant-seat reclaim job (docs/seat-reclaim.md): for every named subscription with the policy on,
 * warns the holders of seats idle for N − 7 days (mail + reclaim_warned_at) and frees the seats idle N
 * days whose holder was warned at least 7 days before and after the last use. Runs under the
 * `seat-reclaim` lease, so one process does it; every warning and every reclaim is also a conditional
 * update, so even two runs that both believed they held the lease act on each seat once.
 */
export async function runSeatReclaim(db: Db, options: ReclaimOptions): Promise<ReclaimOutcome> {
  const holder = options.holder ?? PROCESS_HOLDER;
  const startedAt = options.now();
  const acquired = await acquireJobLease(db, {
    name: RECLAIM_JOB,
    holder,
    now: startedAt,
    expiresAt: startedAt + LEASE_MS,
  });
  if (!acquired) {
    const lease = await findJobLease(db, RECLAIM_JOB);
    return {
      status: 'lease-held',
      holder: lease?.holder ?? 'another process',
      expiresAt: lease?.expiresAt ?? 0,
    };
  }
  const run = { subscriptions: 0, warned: 0, reclaimed: 0, renewedAt: startedAt };
  const batchSize = options.batchSize ?? RECLAIM_BATCH;
  const renewIfDue = async () => {
    const at = options.now();
    if (at - run.renewedAt < RENEW_AFTER_MS) return;
    if (!(await renewJobLease(db, { name: RECLAIM_JOB, holder, expiresAt: at + LEASE_MS }))) throw new LeaseLost();
    run.renewedAt = at;
  };
  const result = (finishedAt: number): ReclaimRunResult => ({
    startedAt,
    finishedAt,
    durationMs: finishedAt - startedAt,
    subscriptions: run.subscriptions,
    warned: run.warned,
    reclaimed: run.reclaimed,
  });
  let status: 'done' | 'lease-lost' = 'done';
  try {
    let afterId: string | null = null;
    for (;;) {
      const policies = await listReclaimPolicies(db, afterId, 100, options.now());
      if (policies.length === 0) break;
      for (const policy of policies) {
        run.subscriptions++;
        const done = await reclaimSubscription(db, policy, { now: options.now, batchSize, renewIfDue });
        run.warned += done.warned;
        run.reclaimed += done.reclaimed;
      }
      afterId = policies[policies.length - 1]?.subscriptionId ?? null;
    }
  } catch (error) {
    if (!(error instanceof LeaseLost)) {
      await releaseJobLease(db, {
        name: RECLAIM_JOB,
        holder,
        finishedAt: options.now(),
        result: JSON.stringify({ ...result(options.now()), error: String(error) }),
      });
      throw error;
    }
    status = 'lease-lost';
  }
  const finished = result(options.now());
  await releaseJobLease(db, {
    name: RECLAIM_JOB,
    holder,
    finishedAt: finished.finishedAt,
    result: JSON.stringify(finished),
  });
  return { status, result: finished };
}

/** One subscription, a batch of idle seats at a time, each batch its own transaction. */
async function reclaimSubscription(
  db: Db,
  policy: ReclaimPolicy,
  run: { now: () => number; batchSize: number; renewIfDue: () => Promise<void> },
): Promise<{ warned: number; reclaimed: number }> {
  const totals = { warned: 0, reclaimed: 0 };
  let afterId = 0;
  for (;;) {
    await run.renewIfDue();
    const now = run.now();
    const seats = await findIdleSeats(db, {
      orgId: policy.orgId,
      subscriptionId: policy.subscriptionId,
      cutoff: warnCutoff(policy.afterDays, now),
      afterId,
      limit: run.batchSize,
    });
    if (seats.length === 0) break;
    const done = await db.transaction().execute(async (trx) => {
      const counts = { warned: 0, reclaimed: 0 };
      for (const seat of seats) {
        const judgement = judgeSeat(seat, policy.afterDays, now);
        if (judgement?.action === 'warn' && (await warnHolder(trx, policy, seat, judgement, now))) counts.warned++;
        if (judgement?.action === 'reclaim' && (await reclaimSeat(trx, policy, seat, judgement, now))) {
          counts.reclaimed++;
        }
      }
      return counts;
    });
    totals.warned += done.warned;
    totals.reclaimed += done.reclaimed;
    if (seats.length < run.batchSize) break;
    afterId = seats[seats.length - 1]?.id ?? afterId;
  }
  return totals;
}

async function warnHolder(
  trx: Db,
  policy: ReclaimPolicy,
  seat: IdleSeatRow,
  judgement: ReclaimJudgement,
  now: number,
): Promise<boolean> {
  const marked = await markReclaimWarned(trx, {
    orgId: policy.orgId,
    assignmentId: seat.id,
    cutoff: warnCutoff(policy.afterDays, now),
    now,
  });
  if (!marked) return false;
  // A deactivated holder cannot use the app to keep the seat: the warning's 7 days still pass, without a mail.
  if (seat.userStatus === 'active') {
    await queueReclaimWarning(trx, {
      orgId: policy.orgId,
      email: seat.email,
      name: seat.name,
      productName: policy.productName,
      daysIdle: judgement.daysIdle,
      reclaimOn: judgement.reclaimOn,
      now,
    });
  }
  return true;
}

/**
 * Frees a due seat through licenses' freeSeat — the assignment ends with reason `dormant`, the count
 * goes down, the holder's app sessions of the subscription end, their online and borrowed leases are
 * released (seat_removed) and vendors hear `seat.unassigned` — and records `seat.reclaimed` by the
 * system with the policy and the days idle.
 */
async function reclaimSeat(
  trx: Db,
  policy: ReclaimPolicy,
  seat: IdleSeatRow,
  judgement: ReclaimJudgement,
  now: number,
): Promise<boolean> {
  const { orgId, subscriptionId } = policy;
  if (!(await claimDueSeat(trx, { orgId, assignmentId: seat.id, afterDays: policy.afterDays, now }))) return false;
  const freed = await freeSeat(trx, { orgId, subscriptionId, userId: seat.userId, by: null, reason: RECLAIMED, now });
  if (!freed) return false;
  await recordAudit(
    trx,
    SYSTEM_ACTOR,
    {
      orgId,
      action: 'seat.reclaimed',
      target: { type: 'user', id: seat.userId, label: seat.email },
      after: {
        subscriptionId,
        product: policy.productName,
        assignmentId: String(seat.id),
        reclaimAfterDays: policy.afterDays,
        daysIdle: judgement.daysIdle,
        lastUsedAt: toIso(seat.lastUsedAt),
        warnedAt: toIso(seat.warnedAt),
      },
    },
    now,
  );
  return true;
}
