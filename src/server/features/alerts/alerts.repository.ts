import { randomUUID } from 'node:crypto';
import { type Selectable, type SqlBool, sql } from 'kysely';
import type { AlertSeverity, AlertStatus, AlertType } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import type { AlertRow, AlertStatusChangeRow } from '../../db/schema.ts';

/** An alert row with how many sign-ins are linked to it as evidence. */
export type StoredAlert = Selectable<AlertRow> & { sign_in_count: number };

export interface AlertFilters {
  status?: AlertStatus | undefined;
  type?: AlertType | undefined;
  severity?: AlertSeverity | undefined;
  userId?: string | undefined;
}

/** Position in the inbox, newest first: (created_at, id) descending. */
export interface AlertPosition {
  at: number;
  id: string;
}

export interface UpsertAlert {
  orgId: string;
  type: AlertType;
  severity: AlertSeverity;
  userId: string | null;
  ip: string;
  subjectKey: string;
  dedupeKey: string;
  summary: string;
  details: string;
  /** When the event happened (epoch ms). */
  at: number;
  now: number;
}

/**
 * Opens the alert of `dedupeKey`, or adds one event to the one that holds the key (open or
 * acknowledged in the same window): one statement on the (org_id, dedupe_key) unique index, so
 * parallel sign-ins end on one row on both databases. `opened` is whether this call created it:
 * a created row keeps the id given here, an existing one answers its own.
 */
export async function upsertAlert(db: Db, input: UpsertAlert): Promise<{ id: string; opened: boolean }> {
  const id = randomUUID();
  const row = await db
    .insertInto('alerts')
    .values({
      id,
      org_id: input.orgId,
      type: input.type,
      severity: input.severity,
      status: 'open',
      user_id: input.userId,
      ip: input.ip,
      subject_key: input.subjectKey,
      dedupe_key: input.dedupeKey,
      summary: input.summary,
      details: input.details,
      event_count: 1,
      first_seen_at: input.at,
      last_seen_at: input.at,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((conflict) =>
      conflict.columns(['org_id', 'dedupe_key']).doUpdateSet((eb) => ({
        event_count: eb(eb.ref('alerts.event_count'), '+', 1),
        // Parallel events may commit out of order: keep the latest time and its words.
        summary: sql<string>`case when ${eb.ref('excluded.last_seen_at')} >= ${eb.ref('alerts.last_seen_at')} then ${eb.ref('excluded.summary')} else ${eb.ref('alerts.summary')} end`,
        details: sql<string>`case when ${eb.ref('excluded.last_seen_at')} >= ${eb.ref('alerts.last_seen_at')} then ${eb.ref('excluded.details')} else ${eb.ref('alerts.details')} end`,
        ip: sql<string>`case when ${eb.ref('excluded.last_seen_at')} >= ${eb.ref('alerts.last_seen_at')} then ${eb.ref('excluded.ip')} else ${eb.ref('alerts.ip')} end`,
        last_seen_at: sql<number>`case when ${eb.ref('excluded.last_seen_at')} > ${eb.ref('alerts.last_seen_at')} then ${eb.ref('excluded.last_seen_at')} else ${eb.ref('alerts.last_seen_at')} end`,
        updated_at: input.now,
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, opened: row.id === id };
}

/** Links sign-ins to an alert as its evidence; a link already there stays as it is. */
export async function linkAlertSignIns(db: Db, orgId: string, alertId: string, signInIds: number[]): Promise<void> {
  if (signInIds.length === 0) return;
  await db
    .insertInto('alert_sign_ins')
    .values(signInIds.map((signInId) => ({ org_id: orgId, alert_id: alertId, sign_in_id: signInId })))
    .onConflict((conflict) => conflict.columns(['alert_id', 'sign_in_id']).doNothing())
    .execute();
}

function selectAlerts(db: Db, orgId: string) {
  return db
    .selectFrom('alerts as a')
    .selectAll('a')
    .select((eb) =>
      eb
        .selectFrom('alert_sign_ins as l')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('l.alert_id', '=', 'a.id')
        .where('l.org_id', '=', orgId)
        .as('sign_in_count'),
    )
    .where('a.org_id', '=', orgId);
}

function toStored(row: Selectable<AlertRow> & { sign_in_count: number | string | null }): StoredAlert {
  return {
    ...row,
    event_count: Number(row.event_count),
    first_seen_at: Number(row.first_seen_at),
    last_seen_at: Number(row.last_seen_at),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
    acknowledged_at: row.acknowledged_at === null ? null : Number(row.acknowledged_at),
    resolved_at: row.resolved_at === null ? null : Number(row.resolved_at),
    sign_in_count: Number(row.sign_in_count ?? 0),
  };
}

/**
 * Up to `limit` alerts after `after`, newest first, along (org_id, created_at, id) or, with a
 * status or user filter, the index that leads with it (migration 0010).
 */
export async function findAlerts(
  db: Db,
  orgId: string,
  filters: AlertFilters,
  after: AlertPosition | undefined,
  limit: number,
): Promise<StoredAlert[]> {
  let query = narrow(selectAlerts(db, orgId), filters);
  if (filters.status) query = query.where('a.status', '=', filters.status);
  if (after) query = query.where(sql<SqlBool>`(a.created_at, a.id) < (${after.at}, ${after.id})`);
  const rows = await query.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
  return rows.map(toStored);
}

function narrow<Q extends ReturnType<typeof selectAlerts>>(query: Q, filters: AlertFilters): Q {
  let narrowed = query;
  if (filters.type) narrowed = narrowed.where('a.type', '=', filters.type) as Q;
  if (filters.severity) narrowed = narrowed.where('a.severity', '=', filters.severity) as Q;
  if (filters.userId !== undefined) narrowed = narrowed.where('a.user_id', '=', filters.userId) as Q;
  return narrowed;
}

/** The organization's alerts by status under the type/severity/user filters (the status filter aside). */
export async function countAlertsByStatus(
  db: Db,
  orgId: string,
  filters: AlertFilters,
): Promise<Record<AlertStatus, number>> {
  let query = db.selectFrom('alerts as a').where('a.org_id', '=', orgId);
  if (filters.type) query = query.where('a.type', '=', filters.type);
  if (filters.severity) query = query.where('a.severity', '=', filters.severity);
  if (filters.userId !== undefined) query = query.where('a.user_id', '=', filters.userId);
  const rows = await query
    .select((eb) => ['a.status', eb.fn.countAll<number>().as('count')])
    .groupBy('a.status')
    .execute();
  const counts: Record<AlertStatus, number> = { open: 0, acknowledged: 0, resolved: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export async function findAlertById(db: Db, orgId: string, id: string): Promise<StoredAlert | undefined> {
  const row = await selectAlerts(db, orgId).where('a.id', '=', id).executeTakeFirst();
  return row && toStored(row);
}

/** The ids of the sign-ins linked to an alert, latest stored first, at most `limit`. */
export async function findAlertSignInIds(db: Db, orgId: string, alertId: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('alert_sign_ins')
    .select('sign_in_id')
    .where('org_id', '=', orgId)
    .where('alert_id', '=', alertId)
    .orderBy('sign_in_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => Number(row.sign_in_id));
}

/**
 * Moves an alert from `from` to `to` when it still is in `from` (two owners pressing at once:
 * one wins, the other sees the change). Acknowledging stamps acknowledged_*, resolving
 * resolved_* and frees the dedupe key (the next event opens a new alert); reopening clears
 * resolved_*, and the alert takes no new evidence (its key is gone).
 */
export async function updateAlertStatus(
  db: Db,
  input: {
    orgId: string;
    id: string;
    from: AlertStatus;
    to: AlertStatus;
    actorId: string | null;
    note: string | null;
    now: number;
  },
): Promise<boolean> {
  const stamps =
    input.to === 'acknowledged'
      ? { acknowledged_at: input.now, acknowledged_by: input.actorId }
      : input.to === 'resolved'
        ? { resolved_at: input.now, resolved_by: input.actorId, dedupe_key: null }
        : { resolved_at: null, resolved_by: null };
  const result = await db
    .updateTable('alerts')
    .set({
      status: input.to,
      updated_at: input.now,
      ...stamps,
      ...(input.note === null ? {} : { note: input.note }),
    })
    .where('org_id', '=', input.orgId)
    .where('id', '=', input.id)
    .where('status', '=', input.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertAlertStatusChange(db: Db, row: Omit<AlertStatusChangeRow, 'id'>): Promise<void> {
  await db
    .insertInto('alert_status_changes')
    .values({ id: randomUUID(), ...row })
    .execute();
}

export async function findAlertStatusChanges(db: Db, orgId: string, alertId: string): Promise<AlertStatusChangeRow[]> {
  const rows = await db
    .selectFrom('alert_status_changes')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('alert_id', '=', alertId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, changed_at: Number(row.changed_at) }));
}

/** Alerts created in [fromMs, toMs), by type and by status today (the security report). */
export async function countAlertsCreatedBetween(
  db: Db,
  orgId: string,
  range: { fromMs: number; toMs: number },
): Promise<{ type: string; status: AlertStatus; count: number }[]> {
  const rows = await db
    .selectFrom('alerts')
    .select((eb) => ['type', 'status', eb.fn.countAll<number>().as('count')])
    .where('org_id', '=', orgId)
    .where('created_at', '>=', range.fromMs)
    .where('created_at', '<', range.toMs)
    .groupBy(['type', 'status'])
    .execute();
  return rows.map((row) => ({ type: row.type, status: row.status, count: Number(row.count) }));
}

/** Open alerts by severity (the Overview), along (org_id, status, created_at, id). */
export async function countOpenAlertsBySeverity(db: Db, orgId: string): Promise<Record<AlertSeverity, number>> {
  const rows = await db
    .selectFrom('alerts')
    .select((eb) => ['severity', eb.fn.countAll<number>().as('count')])
    .where('org_id', '=', orgId)
    .where('status', '=', 'open')
    .groupBy('severity')
    .execute();
  const counts: Record<AlertSeverity, number> = { low: 0, medium: 0, high: 0 };
  for (const row of rows) {
    if (row.severity in counts) counts[row.severity as AlertSeverity] = Number(row.count);
  }
  return counts;
}

/** What an e-mail digest says of each alert (its explanation is `summary`), by ids, 500 at a time. */
export async function findAlertSummaries(db: Db, orgId: string, alertIds: string[]) {
  const rows = [];
  for (let start = 0; start < alertIds.length; start += 500) {
    rows.push(
      ...(await db
        .selectFrom('alerts')
        .select(['id', 'type', 'severity', 'status', 'summary', 'created_at'])
        .where('org_id', '=', orgId)
        .where('id', 'in', alertIds.slice(start, start + 500))
        .execute()),
    );
  }
  return rows;
}
export type AlertSummary = Awaited<ReturnType<typeof findAlertSummaries>>[number];
