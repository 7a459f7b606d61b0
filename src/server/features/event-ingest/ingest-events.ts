import {
  INGEST_BATCH_MAX,
  INGEST_FUTURE_SLACK_MS,
  type IngestEventsResult,
  type RejectedEvent,
} from '../../../contract/events.ts';
import type { RiskEvidence } from '../../../contract/risk.ts';
import type { SecuritySettings } from '../../../contract/security.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { anonymiseAddressesIn, anonymiseIp } from '../../lib/anonymise-ip.ts';
import { AppError } from '../../lib/app-error.ts';
import { buildSignInAttemptRow, insertSignInAttempt, type NewSignInAttempt } from '../activity/index.ts';
import { raiseAlertsForSignIn } from '../alerts/index.ts';
import type { GeoIp, GeoLocation } from '../geo/index.ts';
import { queueAlertNotifications } from '../notifications/index.ts';
import { findSignInsPurgedBefore } from '../organizations/index.ts';
import { addSignInAggregates } from '../report-aggregates/index.ts';
import { readPrivacySettings } from '../retention/index.ts';
import { assessSignIn, readSignInContext } from '../risk/index.ts';
import { readSecuritySettings } from '../security-settings/index.ts';
import { findUserByEmail, normalizeEmail } from '../users/index.ts';
import { type CheckedEvent, checkEvent, isProblem } from './check-event.ts';
import { claimIdempotencyKeys } from './event-ingest.repository.ts';

const DAY_MS = 86_400_000;
/** Events per transaction: a batch of 10,000 commits in 10 steps, each holding its locks briefly. */
export const INGEST_CHUNK = 1_000;
/**
 * On SQLite, fewer: its one writer (and the process's one connection) is held for the whole chunk,
 * and every sign-in and heartbeat of the server waits behind it; 100 events keep that wait short.
 */
export const INGEST_CHUNK_SQLITE = 100;
/**
 * Alerts raised by events older than this (ms) are stored and listed, but mail and webhooks go out
 * only for recent ones: importing last month's log must not page anyone about last month.
 */
export const NOTIFY_WITHIN_MS = DAY_MS;
/** A chunk that deadlocked (PostgreSQL) rolled back whole; it is tried again this many times in all. */
const ATTEMPTS = 3;

type Account = Pick<UserRow, 'id' | 'org_id' | 'email' | 'status'>;

/**
 * Stores a batch of sign-in events from another identity provider as the organization's sign-in
 * attempts (POST /api/v1/events and `seatkeeper import-events` both come here). Each event is checked
 * on its own; a bad one is answered in `rejected` and changes nothing. The rest, in time order, are
 * written in transactions of INGEST_CHUNK events: the idempotency keys claimed first (a key seen
 * before is a duplicate), then per event its risk flags from the user's history, the attempt, the
 * alerts it raises; then the chunk's counts in the reports' aggregates. The answer comes after the
 * last commit, so an acknowledged event is stored; a batch cut short by a crash is sent again and its
 * stored part counts as duplicates.
 */
export async function ingestEvents(
  deps: AppDeps,
  orgId: string,
  events: readonly unknown[],
): Promise<IngestEventsResult> {
  if (events.length > INGEST_BATCH_MAX) {
    throw new AppError(
      400,
      'too-many-events',
      'Too many events in one batch',
      `Send at most ${INGEST_BATCH_MAX} events.`,
    );
  }
  const db = deps.database.db;
  const now = deps.now();
  const window = await acceptedWindow(db, orgId, now);
  const rejected: RejectedEvent[] = [];
  const reject = (index: number, problem: RejectedEvent['problem']) => rejected.push({ index, problem });
  const seen = new Set<string>();
  let duplicates = 0;
  const accounts = new Map<string, Account | undefined>();
  const ready: { event: CheckedEvent; account: Account }[] = [];
  for (const [index, value] of events.entries()) {
    const event = checkEvent(value, index);
    if (isProblem(event)) {
      reject(index, event);
      continue;
    }
    if (event.occurredAt < window.from || event.occurredAt > window.to) {
      reject(index, { code: 'occurred-at-out-of-range', detail: window.detail });
      continue;
    }
    const account = await accountOf(db, accounts, orgId, event.email);
    if (!account) {
      reject(index, { code: 'unknown-user', detail: 'No account of the organization has this email.' });
      continue;
    }
    if (seen.has(event.idempotencyKey)) {
      duplicates++;
      continue;
    }
    seen.add(event.idempotencyKey);
    ready.push({ event, account });
  }
  // Time order, so each event's risk flags see the events before it (a new country, a takeover).
  ready.sort((a, b) => a.event.occurredAt - b.event.occurredAt || a.event.index - b.event.index);
  const geo = cachedGeo(deps.geo);
  let accepted = 0;
  const chunkSize = deps.database.kind === 'sqlite' ? INGEST_CHUNK_SQLITE : INGEST_CHUNK;
  for (let start = 0; start < ready.length; start += chunkSize) {
    const chunk = ready.slice(start, start + chunkSize);
    const stored = await withRetries(() =>
      db
        .transaction()
        .execute((trx) => storeChunk(trx, { orgId, now, geo, anonymiseBefore: window.anonymiseBefore }, chunk)),
    );
    accepted += stored;
    duplicates += chunk.length - stored;
  }
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, duplicates, rejected };
}

interface ChunkContext {
  orgId: string;
  now: number;
  geo: GeoIp;
  /** Events before this instant (ms) are stored with the address cut (IP anonymisation "after"). */
  anonymiseBefore: number;
}

/** One transaction: every write an event causes, in order. Answers how many events it stored. */
async function storeChunk(
  trx: Db,
  context: ChunkContext,
  chunk: { event: CheckedEvent; account: Account }[],
): Promise<number> {
  const { orgId, now } = context;
  const claimed = await claimIdempotencyKeys(
    trx,
    orgId,
    chunk.map(({ event }) => event.idempotencyKey),
    now,
  );
  if (claimed.size === 0) return 0;
  const settings = await readSecuritySettings(trx, orgId);
  const stored: NewSignInAttempt[] = [];
  for (const { event, account } of chunk) {
    if (!claimed.has(event.idempotencyKey)) continue;
    const row = buildSignInAttemptRow(
      context.geo,
      { ip: event.ip, userAgent: event.userAgent },
      {
        orgId,
        userId: account.id,
        email: account.email,
        outcome: event.outcome,
        failureReason: event.failureReason,
        // Shown as a console sign-in proven by the organization's identity provider: the user signed in there.
        client: 'console',
        method: 'sso',
        occurredAt: event.occurredAt,
      },
    );
    const evidence = await assess(trx, orgId, account, row, settings);
    const assessed = withEvidence(row, evidence, event.occurredAt < context.anonymiseBefore);
    const id = await insertSignInAttempt(trx, assessed);
    const alerts = await raiseAlertsForSignIn(trx, {
      orgId,
      signIn: { id, row: assessed },
      evidence,
      settings,
      now: row.occurred_at,
    });
    if (row.occurred_at >= now - NOTIFY_WITHIN_MS) {
      await queueAlertNotifications(trx, { orgId, alerts, settings, now: row.occurred_at });
    }
    stored.push(assessed);
  }
  await addSignInAggregates(trx, stored);
  return stored.length;
}

async function assess(
  trx: Db,
  orgId: string,
  account: Account,
  row: NewSignInAttempt,
  settings: SecuritySettings,
): Promise<RiskEvidence[]> {
  const scope = { orgId, userId: account.id };
  const context = await readSignInContext(trx, scope, row, settings, account.status === 'deactivated');
  return assessSignIn(context, row, settings);
}

/** The row with its flags; an event older than the anonymisation age is stored with its address cut. */
function withEvidence(row: NewSignInAttempt, evidence: RiskEvidence[], cut: boolean): NewSignInAttempt {
  const details = JSON.stringify(evidence);
  return {
    ...row,
    ip: cut ? anonymiseIp(row.ip) : row.ip,
    risk: JSON.stringify(evidence.map((item) => item.flag)),
    risk_details: cut ? anonymiseAddressesIn(details) : details,
  };
}

/**
 * The instants (ms, inclusive) an event may have: not older than the organization keeps raw events
 * (retention would delete it at once, and the aggregates could not be recounted) nor than what
 * retention already purged; at most INGEST_FUTURE_SLACK_MS ahead of the server's clock.
 */
async function acceptedWindow(db: Db, orgId: string, now: number) {
  const privacy = await readPrivacySettings(db, orgId, now);
  const purgedBefore = await findSignInsPurgedBefore(db, orgId);
  const from = Math.max(now - privacy.rawEventsDays * DAY_MS, purgedBefore);
  const to = now + INGEST_FUTURE_SLACK_MS;
  const { mode, afterDays } = privacy.ipAnonymisation;
  return {
    from,
    to,
    anonymiseBefore: mode === 'after' ? now - afterDays * DAY_MS : Number.NEGATIVE_INFINITY,
    detail:
      `occurredAt must lie between ${new Date(from).toISOString()} (the organization keeps raw events ` +
      `${privacy.rawEventsDays} days) and ${new Date(to).toISOString()} (5 minutes ahead of the server's clock).`,
  };
}

/** The organization's account with this email, looked up once per batch. */
async function accountOf(
  db: Db,
  accounts: Map<string, Account | undefined>,
  orgId: string,
  email: string,
): Promise<Account | undefined> {
  const key = normalizeEmail(email);
  if (!accounts.has(key)) {
    const user = await findUserByEmail(db, key);
    accounts.set(key, user && user.org_id === orgId ? user : undefined);
  }
  return accounts.get(key);
}

/**
 * GeoIP answers remembered for one batch: an export holds the same few addresses thousands of times.
 * Bounded by the batch (≤ 10,000 addresses), dropped with it.
 */
function cachedGeo(geo: GeoIp): GeoIp {
  const answers = new Map<string, GeoLocation | null>();
  return {
    source: geo.source,
    lookup(ip) {
      let answer = answers.get(ip);
      if (answer === undefined) {
        answer = geo.lookup(ip);
        answers.set(ip, answer);
      }
      return answer;
    },
    close() {
      answers.clear();
    },
  };
}

/** PostgreSQL may pick a chunk's transaction as a deadlock victim (40P01) or fail it serializing (40001). */
async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= ATTEMPTS || (code !== '40P01' && code !== '40001')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}
