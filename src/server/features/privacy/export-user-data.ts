import type { Selectable } from 'kysely';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { AlertRow, AuditLogRow, SignInAttemptRow } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { requireUser } from '../users/index.ts';
import {
  findAlertStatusChanges,
  findAlertsOfUser,
  findApiTokensBy,
  findAppSessionPage,
  findAuditPage,
  findConsoleSessions,
  findEmailsTo,
  findInvitationDates,
  findPasswordResetDates,
  findSeatDenialPage,
  findSeatHistory,
  findSeatLeasePage,
  findSecondFactors,
  findSignInAttemptPage,
} from './export.repository.ts';

/** Rows read per query of a long history: memory holds one page, whatever the history's length. */
export const EXPORT_PAGE_ROWS = 1000;

export interface UserDataExportFile {
  fileName: string;
  /** The JSON document, piece by piece (UserDataExportSchema in src/contract/privacy.ts). */
  chunks: AsyncIterable<string>;
}

/**
 * An owner's export of everything about one user. The audit row (`user.data_exported`) commits
 * before the first byte is read, so an export that fails half-way is still on record; the
 * document is then read page by page outside any transaction (a sign-in arriving meanwhile may or
 * may not be in it).
 */
export async function exportUserData(
  deps: AppDeps,
  orgId: string,
  userId: string,
  actor: AuditActor,
): Promise<UserDataExportFile> {
  const now = deps.now();
  const user = await deps.database.db.transaction().execute(async (trx) => {
    const row = await requireUser(trx, orgId, userId);
    const label = row.erased_at === null ? row.email : 'Erased user';
    await recordAudit(
      trx,
      actor,
      { orgId, action: 'user.data_exported', target: { type: 'user', id: row.id, label } },
      now,
    );
    return row;
  });
  const day = new Date(now).toISOString().slice(0, 10);
  return { fileName: `user-${user.id}-${day}.json`, chunks: documentChunks(deps.database.db, orgId, user, now) };
}

type User = Awaited<ReturnType<typeof requireUser>>;

async function* documentChunks(db: Db, orgId: string, user: User, now: number): AsyncGenerator<string> {
  const userId = user.id;
  yield `{"exportedAt":${JSON.stringify(toIso(now))},"profile":${JSON.stringify(profileOf(user))}`;
  yield* section('seats', list(findSeatHistory(db, orgId, userId), toSeat));
  yield* section('invitations', list(findInvitationDates(db, orgId, userId), toInvitation));
  yield* section(
    'signInAttempts',
    paged((after) => findSignInAttemptPage(db, orgId, userId, after, EXPORT_PAGE_ROWS), toSignIn),
  );
  yield* section(
    'appSessions',
    paged((after) => findAppSessionPage(db, orgId, userId, after, EXPORT_PAGE_ROWS), toAppSession),
  );
  yield* section(
    'seatLeases',
    paged((after) => findSeatLeasePage(db, orgId, userId, after, EXPORT_PAGE_ROWS), toSeatLease),
  );
  yield* section(
    'seatDenials',
    paged((after) => findSeatDenialPage(db, orgId, userId, after, EXPORT_PAGE_ROWS), toSeatDenial),
  );
  yield* section('consoleSessions', list(findConsoleSessions(db, orgId, userId), toConsoleSession));
  yield* section('alerts', alertsOf(db, orgId, userId));
  yield* section(
    'auditLog',
    paged(
      (after) => findAuditPage(db, orgId, userId, after, EXPORT_PAGE_ROWS),
      (row) => toAuditEntry(row, userId),
    ),
  );
  yield* section('secondFactors', secondFactorsOf(db, orgId, userId));
  yield* section('apiTokens', list(findApiTokensBy(db, orgId, userId), toApiToken));
  yield* section('passwordResets', list(findPasswordResetDates(db, orgId, userId), toPasswordReset));
  yield* section('emails', list(findEmailsTo(db, orgId, user.email_normalized), toEmail));
  yield '}\n';
}

/** `,"key":[item,item,…]`, one item per chunk. */
async function* section(key: string, items: AsyncIterable<unknown>): AsyncGenerator<string> {
  yield `,${JSON.stringify(key)}:[`;
  let first = true;
  for await (const item of items) {
    yield (first ? '' : ',') + JSON.stringify(item);
    first = false;
  }
  yield ']';
}

async function* list<R, T>(rows: Promise<R[]>, map: (row: R) => T): AsyncGenerator<T> {
  for (const row of await rows) yield map(row);
}

/** Keyset pages by id until one comes back short. */
async function* paged<R extends { id: number }, T>(
  read: (afterId: number) => Promise<R[]>,
  map: (row: R) => T,
): AsyncGenerator<T> {
  let after = 0;
  for (;;) {
    const rows = await read(after);
    for (const row of rows) yield map(row);
    const last = rows.at(-1);
    if (!last || rows.length < EXPORT_PAGE_ROWS) return;
    after = Number(last.id);
  }
}

function profileOf(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    createdAt: toIso(user.created_at),
    updatedAt: toIso(user.updated_at),
    lastLoginAt: toIso(user.last_login_at),
    lastAppUseAt: toIso(user.last_app_use_at),
    deactivatedAt: toIso(user.deactivated_at),
    deactivationReason: user.deactivation_reason,
    deactivationNote: user.deactivation_note,
    erasedAt: toIso(user.erased_at),
    invitationAccepted: user.password_hash !== null,
  };
}

const toSeat = (row: Awaited<ReturnType<typeof findSeatHistory>>[number]) => ({
  subscriptionId: row.subscription_id,
  product: row.product,
  assignedAt: toIso(row.assigned_at),
  unassignedAt: toIso(row.unassigned_at),
  unassignReason: row.unassign_reason,
  lastUsedAt: toIso(row.last_used_at),
});

const toInvitation = (row: Awaited<ReturnType<typeof findInvitationDates>>[number]) => ({
  createdAt: toIso(row.created_at),
  expiresAt: toIso(row.expires_at),
  acceptedAt: toIso(row.accepted_at),
});

const placeOf = (
  row: Pick<Selectable<SignInAttemptRow>, 'country_code' | 'country' | 'region' | 'city' | 'latitude' | 'longitude'>,
) => ({
  countryCode: row.country_code,
  country: row.country,
  region: row.region,
  city: row.city,
  latitude: row.latitude === null ? null : Number(row.latitude),
  longitude: row.longitude === null ? null : Number(row.longitude),
});

function toSignIn(row: Selectable<SignInAttemptRow>) {
  return {
    id: String(row.id),
    occurredAt: toIso(Number(row.occurred_at)),
    outcome: row.outcome,
    failureReason: row.failure_reason,
    client: row.client,
    method: row.method,
    secondFactor: row.second_factor,
    app: row.app_key,
    appVersion: row.app_version,
    ip: row.ip,
    location: placeOf(row),
    network: { asn: row.asn === null ? null : Number(row.asn), organization: row.as_organization },
    device: {
      type: row.device_type,
      os: row.os,
      osVersion: row.os_version,
      browser: row.browser,
      browserVersion: row.browser_version,
      id: row.device_id,
      name: row.device_name,
    },
    userAgent: row.user_agent,
    risk: parseJson(row.risk, []) as string[],
    riskDetails: parseJson(row.risk_details, []) as unknown[],
  };
}

const toAppSession = (row: Awaited<ReturnType<typeof findAppSessionPage>>[number]) => ({
  id: String(row.id),
  app: row.app_key,
  appVersion: row.app_version,
  startedAt: toIso(Number(row.started_at)),
  lastHeartbeatAt: toIso(Number(row.last_heartbeat_at)),
  endedAt: toIso(row.ended_at === null ? null : Number(row.ended_at)),
  endReason: row.end_reason,
  method: row.method,
  ip: row.ip,
  location: placeOf(row),
  device: { type: row.device_type, os: row.os, osVersion: row.os_version, id: row.device_id, name: row.device_name },
});

const toSeatLease = (row: Awaited<ReturnType<typeof findSeatLeasePage>>[number]) => ({
  id: String(row.id),
  subscriptionId: row.subscription_id,
  product: row.product,
  appSessionId: row.app_session_id === null ? null : String(row.app_session_id),
  device: { id: row.device_id, name: row.device_name },
  takenAt: toIso(Number(row.taken_at)),
  borrowedAt: toIso(row.borrowed_at === null ? null : Number(row.borrowed_at)),
  borrowedUntil: toIso(row.borrowed_until === null ? null : Number(row.borrowed_until)),
  releasedAt: toIso(row.released_at === null ? null : Number(row.released_at)),
  releaseReason: row.release_reason,
  releasedBy: row.released_by,
  releaseNote: row.release_note,
});

const toSeatDenial = (row: Awaited<ReturnType<typeof findSeatDenialPage>>[number]) => ({
  id: String(row.id),
  app: row.product_key,
  subscriptionId: row.subscription_id,
  device: { id: row.device_id, name: row.device_name },
  reason: row.reason,
  deniedAt: toIso(Number(row.denied_at)),
  outcome: row.outcome,
  resolvedAt: toIso(row.resolved_at === null ? null : Number(row.resolved_at)),
});

const toConsoleSession = (row: Awaited<ReturnType<typeof findConsoleSessions>>[number]) => ({
  createdAt: toIso(row.created_at),
  expiresAt: toIso(row.expires_at),
  lastSeenAt: toIso(row.last_seen_at),
  signInAttemptId: row.sign_in_attempt_id === null ? null : String(row.sign_in_attempt_id),
});

async function* alertsOf(db: Db, orgId: string, userId: string) {
  const alerts: AlertRow[] = await findAlertsOfUser(db, orgId, userId);
  const changes = await findAlertStatusChanges(
    db,
    orgId,
    alerts.map((alert) => alert.id),
  );
  for (const alert of alerts) {
    yield {
      id: alert.id,
      type: alert.type,
      severity: alert.severity,
      status: alert.status,
      summary: alert.summary,
      ip: alert.ip,
      details: parseJson(alert.details, {}),
      firstSeenAt: toIso(alert.first_seen_at),
      lastSeenAt: toIso(alert.last_seen_at),
      note: alert.note,
      statusChanges: changes
        .filter((change) => change.alert_id === alert.id)
        .map((change) => ({
          from: change.from_status,
          to: change.to_status,
          changedAt: toIso(change.changed_at),
          byUserId: change.actor_user_id,
          note: change.note,
        })),
    };
  }
}

function toAuditEntry(row: Selectable<AuditLogRow>, userId: string) {
  const actor = row.actor_id === userId;
  const target = row.target_id === userId;
  return {
    id: String(row.id),
    occurredAt: toIso(Number(row.occurred_at)),
    as: actor && target ? 'actor_and_target' : actor ? 'actor' : 'target',
    action: row.action,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    target: { type: row.target_type, id: row.target_id, label: row.target_label },
    before: parseJson(row.before, null),
    after: parseJson(row.after, null),
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

/** Kinds, names and dates: never the TOTP secret, a code's hash or a passkey's public key. */
async function* secondFactorsOf(db: Db, orgId: string, userId: string) {
  const { totp, passkeys, codes } = await findSecondFactors(db, orgId, userId);
  for (const row of totp) {
    yield {
      kind: 'totp',
      name: null,
      createdAt: toIso(row.created_at),
      confirmedAt: toIso(row.confirmed_at),
      lastUsedAt: null,
    };
  }
  for (const row of passkeys) {
    yield {
      kind: 'passkey',
      name: row.name,
      createdAt: toIso(row.created_at),
      confirmedAt: null,
      lastUsedAt: toIso(row.last_used_at),
    };
  }
  for (const row of codes) {
    yield {
      kind: 'recovery_code',
      name: null,
      createdAt: toIso(row.created_at),
      confirmedAt: null,
      lastUsedAt: toIso(row.used_at),
    };
  }
}

const toApiToken = (row: Awaited<ReturnType<typeof findApiTokensBy>>[number]) => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  createdAt: toIso(row.created_at),
  expiresAt: toIso(row.expires_at),
  lastUsedAt: toIso(row.last_used_at),
  revokedAt: toIso(row.revoked_at),
});

const toPasswordReset = (row: Awaited<ReturnType<typeof findPasswordResetDates>>[number]) => ({
  requestedAt: toIso(row.created_at),
  expiresAt: toIso(row.expires_at),
  usedAt: toIso(row.used_at),
  issuedBy: row.issued_by,
});

const toEmail = (row: Awaited<ReturnType<typeof findEmailsTo>>[number]) => ({
  kind: row.kind,
  subject: row.subject,
  createdAt: toIso(row.created_at),
  sentAt: toIso(row.sent_at),
});

function parseJson(text: string | null, fallback: unknown): unknown {
  if (text === null) return fallback;
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}
