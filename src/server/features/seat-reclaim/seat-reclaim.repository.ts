import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { EmailOutboxRow } from '../../db/schema.ts';
import { DAY_MS } from '../../lib/time.ts';
import { WARNING_MS } from './reclaim-rules.ts';

/**
 * The reclaim policy's reads and writes. The policy's own columns are `subscriptions.reclaim_after_days`
 * and `seat_assignments.reclaim_warned_at`; a reclaim is an assignment ended with reason `dormant`
 * (`dormant_undone` once an owner gave the seat back). Ending the assignment itself, the seat count and
 * the sessions are licenses' (`freeSeat`).
 */

/** unassign_reason of a seat the policy freed, and of one whose reclaim was undone. */
export const RECLAIMED = 'dormant';
export const RECLAIM_UNDONE = 'dormant_undone';

const idleSince = sql<number>`coalesce(seat_assignments.last_used_at, seat_assignments.assigned_at)`;

/**
 * A seat with a live lease is in use whatever its "last used" says: an app running on it, or a seat
 * borrowed to run offline (which sends no heartbeats until it comes back). Such a seat is never idle.
 */
const noLiveLease = sql<boolean>`not exists (select 1 from seat_leases l where l.subscription_id = seat_assignments.subscription_id and l.user_id = seat_assignments.user_id and l.released_at is null)`;

export interface ReclaimPolicy {
  orgId: string;
  subscriptionId: string;
  afterDays: number;
  productName: string;
}

/** Named subscriptions with the policy on and not expired, across organizations, in id order after `afterId`. */
export async function listReclaimPolicies(
  db: Db,
  afterId: string | null,
  limit: number,
  now: number,
): Promise<ReclaimPolicy[]> {
  let query = db
    .selectFrom('subscriptions')
    .innerJoin('products', 'products.id', 'subscriptions.product_id')
    .select([
      'subscriptions.id',
      'subscriptions.org_id',
      'subscriptions.reclaim_after_days',
      'products.name as product_name',
    ])
    .where('subscriptions.reclaim_after_days', 'is not', null)
    .where('subscriptions.kind', '=', 'named')
    .where('subscriptions.expires_at', '>', now)
    .orderBy('subscriptions.id')
    .limit(limit);
  if (afterId !== null) query = query.where('subscriptions.id', '>', afterId);
  const rows = await query.execute();
  return rows.map((row) => ({
    orgId: row.org_id,
    subscriptionId: row.id,
    afterDays: Number(row.reclaim_after_days),
    productName: row.product_name,
  }));
}

export interface IdleSeatRow {
  id: number;
  userId: string;
  email: string;
  name: string;
  userStatus: 'active' | 'deactivated';
  assignedAt: number;
  lastUsedAt: number | null;
  warnedAt: number | null;
}

/** Held seats of a subscription last used (or, never used, assigned) at or before `cutoff`, by id after `afterId`. */
export async function findIdleSeats(
  db: Db,
  input: { orgId: string; subscriptionId: string; cutoff: number; afterId: number; limit: number },
): Promise<IdleSeatRow[]> {
  const rows = await db
    .selectFrom('seat_assignments')
    .innerJoin('users', 'users.id', 'seat_assignments.user_id')
    .select([
      'seat_assignments.id',
      'seat_assignments.user_id',
      'seat_assignments.assigned_at',
      'seat_assignments.last_used_at',
      'seat_assignments.reclaim_warned_at',
      'users.email',
      'users.name',
      'users.status',
    ])
    .where('seat_assignments.org_id', '=', input.orgId)
    .where('seat_assignments.subscription_id', '=', input.subscriptionId)
    .where('seat_assignments.unassigned_at', 'is', null)
    .where(idleSince, '<=', input.cutoff)
    .where(noLiveLease)
    .where('seat_assignments.id', '>', input.afterId)
    .orderBy('seat_assignments.id')
    .limit(input.limit)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    userId: row.user_id,
    email: row.email,
    name: row.name,
    userStatus: row.status,
    assignedAt: Number(row.assigned_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    warnedAt: row.reclaim_warned_at === null ? null : Number(row.reclaim_warned_at),
  }));
}

/**
 * Records the warning, if the seat still needs one: held, idle since `cutoff` or longer, and not warned
 * since its last use. One conditional statement, so two runs (or a heartbeat arriving meanwhile) never
 * warn twice or warn a seat just used. False: nothing to do.
 */
export async function markReclaimWarned(
  db: Db,
  input: { orgId: string; assignmentId: number; cutoff: number; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('seat_assignments')
    .set({ reclaim_warned_at: input.now })
    .where('org_id', '=', input.orgId)
    .where('id', '=', input.assignmentId)
    .where('unassigned_at', 'is', null)
    .where(idleSince, '<=', input.cutoff)
    .where(noLiveLease)
    .where((eb) => eb.or([eb('reclaim_warned_at', 'is', null), eb('reclaim_warned_at', '<', idleSince)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Takes the row of a seat that is due (held, idle `afterDays`, warned after its last use and at least 7
 * days ago), re-checking all of it in one statement: on PostgreSQL the row stays locked until the
 * reclaim commits, so a heartbeat's "last used" lands before (and the seat is kept) or after (on a freed
 * seat). False: not due any more, or another run freed it.
 */
export async function claimDueSeat(
  db: Db,
  input: { orgId: string; assignmentId: number; afterDays: number; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('seat_assignments')
    .set({ reclaim_warned_at: sql`reclaim_warned_at` })
    .where('org_id', '=', input.orgId)
    .where('id', '=', input.assignmentId)
    .where('unassigned_at', 'is', null)
    .where(idleSince, '<=', input.now - input.afterDays * DAY_MS)
    .where('reclaim_warned_at', 'is not', null)
    .where('reclaim_warned_at', '>=', idleSince)
    .where('reclaim_warned_at', '<=', input.now - WARNING_MS)
    .where(noLiveLease)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The warning mail, in the warning's transaction (the outbox: the e-mail worker sends it). Written
 * here because notifications exports no generic mail queue; the row is the same as its own mails'.
 */
export async function insertReclaimWarningMail(
  db: Db,
  mail: Pick<EmailOutboxRow, 'id' | 'org_id' | 'to_address' | 'subject' | 'text_body' | 'html_body'> & { now: number },
): Promise<void> {
  const { now, ...fields } = mail;
  await db
    .insertInto('email_outbox')
    .values({
      ...fields,
      kind: 'seat_reclaim_warning',
      created_at: now,
      send_after: now,
      sent_at: null,
      attempts: 0,
      last_error: null,
      claimed_until: null,
    })
    .execute();
}

export interface ReclaimRow {
  id: number;
  userId: string;
  email: string;
  name: string;
  userStatus: 'active' | 'deactivated';
  assignedAt: number;
  lastUsedAt: number | null;
  reclaimedAt: number;
  undone: boolean;
}

function selectReclaims(db: Db, orgId: string, subscriptionId: string) {
  return db
    .selectFrom('seat_assignments')
    .innerJoin('users', 'users.id', 'seat_assignments.user_id')
    .select([
      'seat_assignments.id',
      'seat_assignments.user_id',
      'seat_assignments.assigned_at',
      'seat_assignments.last_used_at',
      'seat_assignments.unassigned_at',
      'seat_assignments.unassign_reason',
      'users.email',
      'users.name',
      'users.status',
    ])
    .where('seat_assignments.org_id', '=', orgId)
    .where('seat_assignments.subscription_id', '=', subscriptionId)
    .where('seat_assignments.unassign_reason', 'in', [RECLAIMED, RECLAIM_UNDONE]);
}

function toReclaimRow(row: {
  id: number;
  user_id: string;
  email: string;
  name: string;
  status: 'active' | 'deactivated';
  assigned_at: number;
  last_used_at: number | null;
  unassigned_at: number | null;
  unassign_reason: string | null;
}): ReclaimRow {
  return {
    id: Number(row.id),
    userId: row.user_id,
    email: row.email,
    name: row.name,
    userStatus: row.status,
    assignedAt: Number(row.assigned_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    reclaimedAt: Number(row.unassigned_at),
    undone: row.unassign_reason === RECLAIM_UNDONE,
  };
}

/** Seats the policy freed since `since` (ms), newest first (at most 500: a page of the panel). */
export async function listReclaims(
  db: Db,
  orgId: string,
  subscriptionId: string,
  since: number,
): Promise<ReclaimRow[]> {
  const rows = await selectReclaims(db, orgId, subscriptionId)
    .where('seat_assignments.unassigned_at', '>=', since)
    .orderBy('seat_assignments.unassigned_at', 'desc')
    .orderBy('seat_assignments.id', 'desc')
    .limit(500)
    .execute();
  return rows.map(toReclaimRow);
}

export async function findReclaim(
  db: Db,
  orgId: string,
  subscriptionId: string,
  assignmentId: number,
): Promise<ReclaimRow | undefined> {
  const row = await selectReclaims(db, orgId, subscriptionId)
    .where('seat_assignments.id', '=', assignmentId)
    .executeTakeFirst();
  return row && toReclaimRow(row);
}

/** Marks a reclaim undone, once (two owners clicking at once: one wins). */
export async function markReclaimUndone(db: Db, orgId: string, assignmentId: number): Promise<boolean> {
  const result = await db
    .updateTable('seat_assignments')
    .set({ unassign_reason: RECLAIM_UNDONE })
    .where('org_id', '=', orgId)
    .where('id', '=', assignmentId)
    .where('unassign_reason', '=', RECLAIMED)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The subscription's policy (null: off) and kind; undefined: no such subscription in the organization. */
export async function findReclaimPolicy(db: Db, orgId: string, subscriptionId: string) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('products', 'products.id', 'subscriptions.product_id')
    .select([
      'subscriptions.id',
      'subscriptions.kind',
      'subscriptions.reclaim_after_days',
      'subscriptions.expires_at',
      'subscriptions.assigned',
      'subscriptions.seats',
      'products.key as product_key',
      'products.name as product_name',
    ])
    .where('subscriptions.org_id', '=', orgId)
    .where('subscriptions.id', '=', subscriptionId)
    .executeTakeFirst();
}

/** Whether the user holds a seat of the subscription now. */
export async function holdsSeat(db: Db, orgId: string, subscriptionId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('seat_assignments')
    .select('id')
    .where('org_id', '=', orgId)
    .where('subscription_id', '=', subscriptionId)
    .where('user_id', '=', userId)
    .where('unassigned_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
