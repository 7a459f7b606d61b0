import { randomUUID } from 'node:crypto';
import { INGEST_FUTURE_SLACK_MS } from '../../../contract/events.ts';
import type { Db } from '../../db/database.ts';
import { anonymiseAddressesIn, anonymiseIp } from '../../lib/anonymise-ip.ts';
import { DAY_MS } from '../../lib/time.ts';
import { addressKey } from '../activity/index.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { isRecounting, recountFailingAddressDays } from '../report-aggregates/index.ts';
import { acquireJobLease, findJobLease, releaseJobLease, renewJobLease } from './job-leases.repository.ts';
import {
  advanceAnonymisedBefore,
  listPrivacySettings,
  markSignInsPurgedBefore,
  type StoredPrivacySettings,
} from './privacy-settings.repository.ts';
import {
  type AgeWindow,
  clearDenialDevices,
  deleteAlertEvidence,
  deleteAppSessions,
  deleteAuditRows,
  deleteIngestedKeys,
  deleteReleasedLeases,
  deleteSignInAttempts,
  deleteSignInConfirmations,
  type FailedSignInKey,
  findAlertAddresses,
  findApiTokenAddresses,
  findAppSessionAddresses,
  findAttemptAddresses,
  findAuditAddresses,
  findAuditIdsBefore,
  findDenialIdsWithDeviceBefore,
  findEndedAppSessionIdsBefore,
  findFailedSignInRows,
  findIngestedKeysBefore,
  findReleasedLeaseIdsBefore,
  findSignInAttemptIdsBefore,
  mergeFailedSignInRow,
  type TimePosition,
  unlinkConsoleSessions,
  updateAlertAddresses,
  updateApiTokenAddress,
  updateAppSessionAddress,
  updateAttemptAddress,
  updateAuditAddress,
} from './retention.repository.ts';

/** The job's name in job_leases. */
export const RETENTION_JOB = 'retention';
/** A holder that stops renewing (a dead process) loses the lease after this long (ms). */
export const RETENTION_LEASE_MS = 60_000;
/** Renewed between batches once this much of it has passed (ms). */
const RENEW_AFTER_MS = 10_000;
/**
 * Rows per batch, each batch its own transaction (Keycloak's expiry job locked its database at 20
 * million rows until it deleted 500 at a time): a few ms to tens of ms of write lock on SQLite.
 */
export const RETENTION_BATCH = 500;
/** The longest rest between two batches (ms). */
const MAX_PAUSE_MS = 200;
/** Attempts on emails that match no account belong to no organization: kept this long (days). */
export const UNKNOWN_ACCOUNT_RETENTION_DAYS = 365;

const SYSTEM_ACTOR: AuditActor = { type: 'system', label: 'retention job' };

export const RETENTION_KINDS = [
  'signInAttemptsDeleted',
  'appSessionsDeleted',
  'auditRowsDeleted',
  'seatLeasesDeleted',
  'ingestedEventKeysDeleted',
  'signInAttemptsAnonymised',
  'appSessionsAnonymised',
  'auditRowsAnonymised',
  'alertsAnonymised',
  'failedSignInRowsAnonymised',
  'apiTokensAnonymised',
  // Seat denials whose device (id and name) was cleared: the denials stay. "Anonymised" so that
  // Settings' "anonymised" and byOrganization count them, summed by suffix like the other kinds.
  'seatDenialDevicesAnonymised',
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];
export type RetentionCounts = Record<RetentionKind, number>;

/** What one run did; stored as JSON in job_leases.last_result. */
export interface RetentionResult {
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  organizations: number;
  totals: RetentionCounts;
  /** Organizations where something changed: rows deleted and rows whose addresses were cut. */
  byOrganization: Record<string, { deleted: number; anonymised: number }>;
}

export type RetentionOutcome =
  | { status: 'done'; result: RetentionResult }
  | { status: 'lease-held'; holder: string; expiresAt: number }
  | { status: 'lease-lost'; result: RetentionResult };

export interface RetentionOptions {
  now: () => number;
  /** This process's lease holder id (random per process). */
  holder?: string;
  batchSize?: number;
  /** After each batch: which organization (null: unknown accounts), which kind, rows so far in it. */
  onProgress?: (event: { orgId: string | null; kind: RetentionKind; rows: number }) => void;
}

/** A random holder id for this process: two processes never share one. */
export const PROCESS_HOLDER = `${process.pid}-${randomUUID()}`;

class LeaseLost extends Error {}
/** The organization's reports are being recounted from its raw attempts: its attempts wait for the next run. */
class RecountRunning extends Error {}

/**
 * The retention job (issue 13): for each organization, deletes raw events past its raw-event
 * retention (sign-in attempts, and what links to them; ended app sessions; released seat leases;
 * the idempotency keys of ingested events once a re-sent one would be refused), clears the device
 * of seat denials past it (the denials stay: the seat reports count them), deletes audit rows
 * past the audit retention, and cuts stored client addresses older than its anonymisation age
 * ('after') or all of them ('always', which writes new rows cut already). The reports'
 * aggregates are never deleted: reports over purged periods answer the same.
 *
 * Safe with several processes: it runs only under the `retention` lease, renewed between
 * batches. Every batch is its own short transaction of at most `batchSize` rows, and the job
 * yields to the event loop between batches, so sign-ins interleave. One `retention.purged` audit
 * row per organization where something changed is written after that organization's batches,
 * with its counts, in the transaction that advances its anonymisation watermark.
 */
export async function runRetention(db: Db, options: RetentionOptions): Promise<RetentionOutcome> {
  const holder = options.holder ?? PROCESS_HOLDER;
  const startedAt = options.now();
  const acquired = await acquireJobLease(db, {
    name: RETENTION_JOB,
    holder,
    now: startedAt,
    expiresAt: startedAt + RETENTION_LEASE_MS,
  });
  if (!acquired) {
    const lease = await findJobLease(db, RETENTION_JOB);
    return { status: 'lease-held', holder: lease?.holder ?? 'another process', expiresAt: lease?.expiresAt ?? 0 };
  }
  const run = new RetentionRun(db, holder, startedAt, options);
  let status: 'done' | 'lease-lost' = 'done';
  try {
    await run.everything();
  } catch (error) {
    if (!(error instanceof LeaseLost)) {
      await releaseJobLease(db, {
        name: RETENTION_JOB,
        holder,
        finishedAt: options.now(),
        result: JSON.stringify({ ...run.result(options.now()), error: String(error) }),
      });
      throw error;
    }
    status = 'lease-lost';
  }
  const result = run.result(options.now());
  await releaseJobLease(db, {
    name: RETENTION_JOB,
    holder,
    finishedAt: result.finishedAt,
    result: JSON.stringify(result),
  });
  return { status, result };
}

function zeroCounts(): RetentionCounts {
  return Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, 0])) as RetentionCounts;
}

class RetentionRun {
  private readonly totals = zeroCounts();
  private readonly byOrganization: RetentionResult['byOrganization'] = {};
  private organizations = 0;
  private renewedAt: number;
  private readonly batchSize: number;

  constructor(
    private readonly db: Db,
    private readonly holder: string,
    private readonly now: number,
    private readonly options: RetentionOptions,
  ) {
    this.renewedAt = now;
    this.batchSize = options.batchSize ?? RETENTION_BATCH;
  }

  result(finishedAt: number): RetentionResult {
    return {
      startedAt: this.now,
      finishedAt,
      durationMs: finishedAt - this.now,
      organizations: this.organizations,
      totals: this.totals,
      byOrganization: this.byOrganization,
    };
  }

  async everything(): Promise<void> {
    let afterId: string | null = null;
    for (;;) {
      const page = await listPrivacySettings(this.db, afterId, 100);
      if (page.length === 0) break;
      for (const settings of page) await this.organization(settings.orgId, settings);
      afterId = page[page.length - 1]?.orgId ?? null;
    }
    const counts = zeroCounts();
    await this.deleteAttempts(null, this.now - UNKNOWN_ACCOUNT_RETENTION_DAYS * DAY_MS, counts);
    this.add(counts);
  }

  private async organization(orgId: string, settings: StoredPrivacySettings): Promise<void> {
    await this.renewIfDue();
    this.organizations++;
    const counts = zeroCounts();
    const rawBefore = this.now - settings.rawEventsDays * DAY_MS;
    const attemptsDone = await this.deleteAttempts(orgId, rawBefore, counts);
    await this.purgeOld(orgId, 'appSessionsDeleted', counts, {
      find: () => findEndedAppSessionIdsBefore(this.db, orgId, rawBefore, this.batchSize),
      remove: (trx, ids) => deleteAppSessions(trx, orgId, ids),
    });
    // Released leases name a user and a device, like the app sessions that held them: the same window.
    await this.purgeOld(orgId, 'seatLeasesDeleted', counts, {
      find: () => findReleasedLeaseIdsBefore(this.db, orgId, rawBefore, this.batchSize),
      remove: (trx, ids) => deleteReleasedLeases(trx, orgId, ids),
    });
    // Seat denials name a device too, but the demand and denials reports count them raw (no
    // aggregate to fall back on), so they stay and lose only the device, which no report reads.
    // A cleared denial leaves the finder's index: the same loop as a deletion.
    await this.purgeOld(orgId, 'seatDenialDevicesAnonymised', counts, {
      find: () => findDenialIdsWithDeviceBefore(this.db, orgId, rawBefore, this.batchSize),
      remove: (trx, ids) => clearDenialDevices(trx, orgId, ids, rawBefore),
    });
    // An idempotency key goes once a re-sent event of it would be refused as older than the
    // organization keeps sign-ins: its event happened at most INGEST_FUTURE_SLACK_MS after the key
    // came, so before `keysBefore` it is before `rawBefore`, and its attempt is purged (this run or
    // an earlier one, which moved sign_ins_purged_before past it: ingest refuses anything older,
    // whatever the retention is later raised to). Not while a recount keeps the attempts.
    if (attemptsDone) {
      const keysBefore = rawBefore - INGEST_FUTURE_SLACK_MS;
      await this.purgeOld(orgId, 'ingestedEventKeysDeleted', counts, {
        find: () => findIngestedKeysBefore(this.db, orgId, keysBefore, this.batchSize),
        remove: (trx, keys) => deleteIngestedKeys(trx, orgId, keys, keysBefore),
      });
    }
    const auditBefore = this.now - settings.auditLogDays * DAY_MS;
    await this.purgeOld(orgId, 'auditRowsDeleted', counts, {
      find: () => findAuditIdsBefore(this.db, orgId, auditBefore, this.batchSize),
      remove: (trx, ids) => deleteAuditRows(trx, orgId, ids),
    });
    const cutBefore = anonymiseBefore(settings, this.now);
    const window = { orgId, from: settings.ipAnonymisedBefore, before: cutBefore ?? 0 };
    if (cutBefore !== null && cutBefore > settings.ipAnonymisedBefore) await this.anonymise(window, counts);
    this.add(counts);
    const sumOf = (suffix: string) =>
      RETENTION_KINDS.filter((kind) => kind.endsWith(suffix)).reduce((sum, kind) => sum + counts[kind], 0);
    const deleted = sumOf('Deleted');
    const anonymised = sumOf('Anonymised');
    const changed = deleted + anonymised > 0;
    if (changed) this.byOrganization[orgId] = { deleted, anonymised };
    const advance = cutBefore !== null && cutBefore > settings.ipAnonymisedBefore;
    if (!changed && !advance) return;
    await this.db.transaction().execute(async (trx) => {
      if (advance) await advanceAnonymisedBefore(trx, orgId, cutBefore);
      if (changed) {
        const after = Object.fromEntries(RETENTION_KINDS.filter((kind) => counts[kind] > 0).map((k) => [k, counts[k]]));
        await recordAudit(
          trx,
          SYSTEM_ACTOR,
          { orgId, action: 'retention.purged', target: { type: 'organization', id: orgId }, after },
          this.now,
        );
      }
    });
  }

  private add(counts: RetentionCounts): void {
    for (const kind of RETENTION_KINDS) this.totals[kind] += counts[kind];
  }

  /**
   * Renews the lease when due; before every batch and every organization, so no write happens on a
   * lease that may have lapsed (a long stretch of organizations with nothing to purge included).
   */
  private async renewIfDue(): Promise<void> {
    const at = this.options.now();
    if (at - this.renewedAt < RENEW_AFTER_MS) return;
    const renewed = await renewJobLease(this.db, {
      name: RETENTION_JOB,
      holder: this.holder,
      expiresAt: at + RETENTION_LEASE_MS,
    });
    if (!renewed) throw new LeaseLost();
    this.renewedAt = at;
  }

  /** One batch: the lease renewed if due, its own transaction, then a rest (see below). */
  private async batch(
    orgId: string | null,
    kind: RetentionKind,
    counts: RetentionCounts,
    write: (trx: Db) => Promise<number>,
  ): Promise<void> {
    await this.renewIfDue();
    const started = performance.now();
    counts[kind] += await this.db.transaction().execute(write);
    this.options.onProgress?.({ orgId, kind, rows: counts[kind] });
    // Rest as long as the batch took: the job uses at most about half of the database's time, and
    // on SQLite (one writer, statements on this event loop) sign-ins run in the gaps.
    const took = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_PAUSE_MS, took)));
  }

  /** False when a recount of the organization's reports stopped it (the rest waits for the next run). */
  private async deleteAttempts(orgId: string | null, before: number, counts: RetentionCounts): Promise<boolean> {
    for (;;) {
      const ids = await findSignInAttemptIdsBefore(this.db, orgId, before, this.batchSize);
      if (ids.length === 0) return true;
      const deleted = await this.batch(orgId, 'signInAttemptsDeleted', counts, async (trx) => {
        if (orgId !== null) {
          // First the mark (it takes the organization's row, as a time-zone change does), then the
          // check: a recount of the reports reads the raw attempts, so none go while one runs (the
          // next run deletes them). Marked and deleted commit together, or neither.
          await markSignInsPurgedBefore(trx, orgId, before);
          if (await isRecounting(trx, orgId)) throw new RecountRunning();
          // Everything that points at an attempt goes or lets go first (no foreign keys to cascade).
          await deleteAlertEvidence(trx, orgId, ids);
          await deleteSignInConfirmations(trx, orgId, ids);
          await unlinkConsoleSessions(trx, orgId, ids);
        }
        return deleteSignInAttempts(trx, orgId, ids);
      }).catch((error: unknown) => {
        if (error instanceof RecountRunning) return false;
        throw error;
      });
      if (deleted === false) return false;
    }
  }

  /**
   * Rows of one kind that nothing else points at, found oldest first and taken out of `find`'s
   * sight (deleted, or for seat denials their device cleared), a batch at a time.
   */
  private async purgeOld<K>(
    orgId: string,
    kind: RetentionKind,
    counts: RetentionCounts,
    rows: { find: () => Promise<K[]>; remove: (trx: Db, keys: K[]) => Promise<number> },
  ): Promise<void> {
    for (;;) {
      const keys = await rows.find();
      if (keys.length === 0) return;
      const before = counts[kind];
      await this.batch(orgId, kind, counts, (trx) => rows.remove(trx, keys));
      // Found but not taken (changed meanwhile by another writer): the next run sees them again.
      if (counts[kind] === before) return;
    }
  }

  /** Cuts the addresses of rows in the window, kind by kind, batch by batch (rows already cut are skipped). */
  private async anonymise(window: AgeWindow, counts: RetentionCounts): Promise<void> {
    const { orgId } = window;
    await this.walkByTime(
      (after) => findAttemptAddresses(this.db, window, after, this.batchSize),
      'signInAttemptsAnonymised',
      orgId,
      counts,
      async (trx, rows) => {
        let changed = 0;
        for (const row of rows) {
          const ip = anonymiseIp(row.ip);
          const riskDetails = anonymiseAddressesIn(row.riskDetails);
          if (ip === row.ip && riskDetails === row.riskDetails) continue;
          await updateAttemptAddress(trx, orgId, row.id, { ip, ipKey: addressKey(ip), riskDetails });
          changed++;
        }
        return changed;
      },
    );
    await this.walkByTime(
      (after) => findAppSessionAddresses(this.db, window, after, this.batchSize),
      'appSessionsAnonymised',
      orgId,
      counts,
      async (trx, rows) => cutEach(rows, (row, ip) => updateAppSessionAddress(trx, orgId, row.id, ip)),
    );
    await this.walkByTime(
      (after) => findAuditAddresses(this.db, window, after, this.batchSize),
      'auditRowsAnonymised',
      orgId,
      counts,
      async (trx, rows) => cutEach(rows, (row, ip) => updateAuditAddress(trx, orgId, row.id, ip)),
    );
    await this.anonymiseAlerts(window, counts);
    await this.anonymiseFailedSignIns(window, counts);
    const tokens = await findApiTokenAddresses(this.db, window);
    if (tokens.length > 0) {
      await this.batch(orgId, 'apiTokensAnonymised', counts, (trx) =>
        cutEach(
          tokens.map((token) => ({ id: token.id, ip: token.last_used_ip })),
          (row, ip) => updateApiTokenAddress(trx, orgId, row.id, ip),
        ),
      );
    }
  }

  private async walkByTime<R extends { id: number; at: number }>(
    find: (after: TimePosition | null) => Promise<R[]>,
    kind: RetentionKind,
    orgId: string,
    counts: RetentionCounts,
    cut: (trx: Db, rows: R[]) => Promise<number>,
  ): Promise<void> {
    let after: TimePosition | null = null;
    for (;;) {
      const rows = await find(after);
      if (rows.length === 0) return;
      await this.batch(orgId, kind, counts, (trx) => cut(trx, rows));
      const last = rows[rows.length - 1];
      if (!last || rows.length < this.batchSize) return;
      after = { at: last.at, id: last.id };
    }
  }

  private async anonymiseAlerts(window: AgeWindow, counts: RetentionCounts): Promise<void> {
    let afterId: string | null = null;
    for (;;) {
      const rows = await findAlertAddresses(this.db, window, afterId, this.batchSize);
      if (rows.length === 0) return;
      await this.batch(window.orgId, 'alertsAnonymised', counts, async (trx) => {
        let changed = 0;
        for (const row of rows) {
          // A spraying alert's subject (and so its dedupe key) is the address itself. The cut subject
          // stays for the inbox's filter; the dedupe key goes (the alert is past the line: nothing
          // new joins it), since two cut addresses of one network would collide on its unique index.
          const cut = {
            ip: row.ip === null ? null : anonymiseIp(row.ip),
            summary: anonymiseAddressesIn(row.summary),
            details: anonymiseAddressesIn(row.details),
            subject_key: anonymiseAddressesIn(row.subject_key),
            dedupe_key: row.dedupe_key,
          };
          // The key joins type, subject and window with ':' (no address to find in it): it goes
          // whenever the address it was built from was cut.
          if (cut.ip !== row.ip || cut.subject_key !== row.subject_key) cut.dedupe_key = null;
          const same =
            cut.ip === row.ip &&
            cut.summary === row.summary &&
            cut.details === row.details &&
            cut.subject_key === row.subject_key &&
            cut.dedupe_key === row.dedupe_key;
          if (same) continue;
          await updateAlertAddresses(trx, window.orgId, row.id, cut);
          changed++;
        }
        return changed;
      });
      if (rows.length < this.batchSize) return;
      afterId = rows[rows.length - 1]?.id ?? null;
    }
  }

  /**
   * Per-address failure counts are keyed by local day: a day is cut once all of it is older than
   * the window's end in any zone (UTC day two days before it), and re-cut from two days before the
   * watermark, so no day is missed whatever the organization's zone (cutting is idempotent).
   */
  private async anonymiseFailedSignIns(window: AgeWindow, counts: RetentionCounts): Promise<void> {
    const scope = {
      orgId: window.orgId,
      fromDay: utcDay(Math.max(0, window.from - 2 * DAY_MS)),
      beforeDay: utcDay(window.before - DAY_MS),
    };
    let after: FailedSignInKey | null = null;
    for (;;) {
      const rows = await findFailedSignInRows(this.db, scope, after, this.batchSize);
      if (rows.length === 0) return;
      await this.batch(window.orgId, 'failedSignInRowsAnonymised', counts, async (trx) => {
        let changed = 0;
        for (const row of rows) {
          const ip = anonymiseIp(row.ip);
          if (ip === row.ip) continue;
          await mergeFailedSignInRow(trx, window.orgId, row, ip);
          changed++;
        }
        // The security report's top addresses per day are re-ranked from the cut addresses.
        const days = rows.map((row) => row.day);
        if (changed > 0) await recountFailingAddressDays(trx, window.orgId, days);
        return changed;
      });
      if (rows.length < this.batchSize) return;
      const last = rows[rows.length - 1];
      after = last ? { day: last.day, ip: last.ip, userId: last.userId } : null;
    }
  }
}

async function cutEach<R extends { ip: string | null }>(
  rows: R[],
  update: (row: R, ip: string) => Promise<void>,
): Promise<number> {
  let changed = 0;
  for (const row of rows) {
    if (row.ip === null) continue;
    const ip = anonymiseIp(row.ip);
    if (ip === row.ip) continue;
    await update(row, ip);
    changed++;
  }
  return changed;
}

/** Addresses older than this (ms) are to be cut; null: the organization keeps them whole. */
export function anonymiseBefore(
  settings: Pick<StoredPrivacySettings, 'ipAnonymisation' | 'ipAnonymiseAfterDays'>,
  now: number,
): number | null {
  if (settings.ipAnonymisation === 'never') return null;
  if (settings.ipAnonymisation === 'always') return now + 1;
  return now - settings.ipAnonymiseAfterDays * DAY_MS;
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
