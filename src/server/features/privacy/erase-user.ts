import type { Insertable } from 'kysely';
import type { User } from '../../../contract/users.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { DailyFailedSignInRow, UserRow } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { addressKey } from '../activity/index.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { lockOrganization } from '../organizations/index.ts';
import { recountFailingAddressDays } from '../report-aggregates/index.ts';
import { requireUser, toUser } from '../users/index.ts';
import {
  type AttemptScope,
  clearAppSessionIdentity,
  clearAttemptIdentity,
  clearSeatDeviceNames,
  deleteCredentialsOf,
  deleteMailTo,
  deleteResetRequestsFor,
  findAlertsToScrub,
  findAppDeviceKeys,
  findAppSessionAddresses,
  findAppSessionDeviceIds,
  findAttemptEvidence,
  findAttemptPage,
  findAuditRowsToScrub,
  findDailyFailures,
  findDeliveriesToScrub,
  findLeaseNotes,
  findMailToScrub,
  findSeatDeviceIds,
  findStatusNotesToScrub,
  findTokenAddresses,
  overwriteUserIdentity,
  renameDeviceKey,
  replaceAppSessionAddress,
  replaceAppSessionDeviceId,
  replaceAttemptEvidence,
  replaceDailyFailures,
  replaceSeatDeviceId,
  revokeTokensOf,
  rewriteAttempts,
  updateAlertText,
  updateAuditRow,
  updateDeliveryText,
  updateLeaseNote,
  updateMailText,
  updateStatusNote,
  updateTokenAddress,
} from './erasure.repository.ts';
import {
  anonymiseIp,
  ERASED_LABEL,
  type ErasureSubject,
  erasedDeviceId,
  erasedEmailOf,
  scrubNullable,
  scrubText,
} from './scrub.ts';

export interface ErasedUser {
  user: User;
  erasedAt: string;
}

/**
 * Erases a deactivated user's personal data in one transaction (docs/privacy.md): their row keeps
 * its id, role and dates under a placeholder email and name; what only served them (sessions,
 * second factors, links, mail to them) is deleted; what the organization keeps (sign-in attempts,
 * app sessions, seat leases and denials, alerts, the audit log) loses the email, the name, the
 * browser string, the device's name and the place below the country, and keeps addresses only as
 * their /24 or /48. The reports' aggregates keep every count, so the organization's totals do not
 * change.
 *
 * One transaction: attempts are rewritten 1,000 at a time by id, one statement per network and
 * device within a page, so the work grows once with the rows (about 20,000 attempts from 20,000
 * addresses in under 10 s on SQLite); the app sessions' statements grow with their distinct
 * addresses and devices (few). All or nothing, and the user is never half-erased.
 */
export async function eraseUser(deps: AppDeps, orgId: string, userId: string, actor: AuditActor): Promise<ErasedUser> {
  const now = deps.now();
  return deps.database.db.transaction().execute(async (trx) => {
    await lockOrganization(trx, orgId);
    const user = await requireUser(trx, orgId, userId);
    assertErasable(user);
    const subject: ErasureSubject = { userId, email: user.email_normalized, name: user.name };
    const erasedEmail = erasedEmailOf(userId);

    await overwriteUserIdentity(trx, orgId, userId, { email: erasedEmail, name: ERASED_LABEL, now });
    await anonymiseAttempts(trx, { kind: 'user', orgId, userId }, subject);
    await anonymiseAttempts(trx, { kind: 'email', orgId, email: user.email_normalized }, subject);
    await anonymiseAggregateKeys(trx, orgId, userId);
    await anonymiseAppSessions(trx, orgId, userId);
    await anonymiseSeatDevices(trx, orgId, subject);
    await deleteCredentialsOf(trx, orgId, userId);
    await deleteResetRequestsFor(trx, user.email_normalized);
    await deleteMailTo(trx, orgId, user.email_normalized);
    await scrubAlertsAndMessages(trx, orgId, subject);
    await scrubAuditLog(trx, orgId, subject);
    await revokeTokensOf(trx, orgId, userId, { by: actor.type === 'user' ? actor.userId : null, now });
    for (const token of await findTokenAddresses(trx, orgId, userId)) {
      if (token.last_used_ip !== null) await updateTokenAddress(trx, orgId, token.id, anonymiseIp(token.last_used_ip));
    }

    // Last, so the scrub above never sees it; it names no one (the label is the placeholder).
    await recordAudit(
      trx,
      actor,
      { orgId, action: 'user.erased', target: { type: 'user', id: userId, label: ERASED_LABEL } },
      now,
    );
    const erased = await requireUser(trx, orgId, userId);
    return { user: toUser(erased), erasedAt: toIso(now) };
  });
}

/** Only a deactivated user (deactivation already ended their sessions and kept the last owner), once. */
function assertErasable(user: UserRow): void {
  if (user.erased_at !== null) {
    throw new AppError(
      409,
      'user-already-erased',
      'User already erased',
      'This user’s personal data was erased before.',
    );
  }
  if (user.status !== 'deactivated') {
    throw new AppError(
      409,
      'user-not-deactivated',
      'Deactivate the user first',
      'Only a deactivated user’s personal data can be erased.',
    );
  }
}

/** Attempts rewritten this many at a time (by id): the work grows with the rows, once each. */
const ATTEMPT_PAGE_ROWS = 1000;

async function anonymiseAttempts(trx: Db, scope: AttemptScope, subject: ErasureSubject): Promise<void> {
  let after = 0;
  for (;;) {
    const page = await findAttemptPage(trx, scope, after, ATTEMPT_PAGE_ROWS);
    // Rows of one network and device share one UPDATE … WHERE id IN (…): a page costs a few statements.
    const groups = new Map<string, { ip: string; deviceId: string | null; ids: number[] }>();
    for (const row of page) {
      const ip = anonymiseIp(row.ip);
      const deviceId = row.device_id === null ? null : erasedDeviceId(subject.userId, row.device_id);
      if (ip === row.ip && deviceId === row.device_id) continue;
      const key = `${ip}\u0000${deviceId ?? ''}`;
      const group = groups.get(key) ?? { ip, deviceId, ids: [] };
      group.ids.push(Number(row.id));
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      await rewriteAttempts(trx, group.ids, { ip: group.ip, ip_key: addressKey(group.ip), device_id: group.deviceId });
    }
    const last = page.at(-1);
    if (!last || page.length < ATTEMPT_PAGE_ROWS) break;
    after = Number(last.id);
  }
  await clearAttemptIdentity(trx, scope, erasedEmailOf(subject.userId));
  for (const row of await findAttemptEvidence(trx, scope)) {
    const scrubbed = scrubText(row.risk_details, subject);
    if (scrubbed !== row.risk_details) await replaceAttemptEvidence(trx, Number(row.id), scrubbed);
  }
}

/**
 * The aggregates' keys that name an address (failures per address and day) or an app's device
 * id (distinct devices) take the attempts' new values, merged where two addresses of one network
 * now meet: every count stays, and a rebuild from the attempts gives the same rows.
 */
async function anonymiseAggregateKeys(trx: Db, orgId: string, userId: string): Promise<void> {
  const merged = new Map<string, Insertable<DailyFailedSignInRow>>();
  for (const row of await findDailyFailures(trx, orgId, userId)) {
    const ip = anonymiseIp(row.ip);
    const key = `${row.day}\u0000${ip}`;
    const seen = merged.get(key);
    if (seen) {
      seen.failed = Number(seen.failed) + Number(row.failed);
      seen.last_at = Math.max(Number(seen.last_at), Number(row.last_at));
    } else {
      merged.set(key, { ...row, ip, failed: Number(row.failed), last_at: Number(row.last_at) });
    }
  }
  await replaceDailyFailures(trx, orgId, userId, [...merged.values()]);
  // The security report's top addresses per day are re-ranked from the cut addresses.
  const days = [...merged.values()].map((row) => row.day);
  await recountFailingAddressDays(trx, orgId, days);
  for (const value of await findAppDeviceKeys(trx, orgId, userId)) {
    const stand = `app:${erasedDeviceId(userId, value.slice('app:'.length))}`;
    if (stand !== value) await renameDeviceKey(trx, orgId, userId, value, stand);
  }
}

async function anonymiseAppSessions(trx: Db, orgId: string, userId: string): Promise<void> {
  for (const ip of await findAppSessionAddresses(trx, orgId, userId)) {
    const cut = anonymiseIp(ip);
    if (cut !== ip) await replaceAppSessionAddress(trx, orgId, userId, ip, cut);
  }
  for (const deviceId of await findAppSessionDeviceIds(trx, orgId, userId)) {
    const stand = erasedDeviceId(userId, deviceId);
    if (stand !== deviceId) await replaceAppSessionDeviceId(trx, orgId, userId, deviceId, stand);
  }
  await clearAppSessionIdentity(trx, orgId, userId);
}

/**
 * Seat leases and seat denials as app sessions: the device's name goes, its id becomes the same
 * stand-in (a device's lease, denial and session still match one another), and an owner's release
 * note is scrubbed. The rows stay: the seat demand and denials reports count them by user id.
 */
async function anonymiseSeatDevices(trx: Db, orgId: string, subject: ErasureSubject): Promise<void> {
  const { userId } = subject;
  for (const table of ['seat_leases', 'seat_denials'] as const) {
    for (const deviceId of await findSeatDeviceIds(trx, table, orgId, userId)) {
      const stand = erasedDeviceId(userId, deviceId);
      if (stand !== deviceId) await replaceSeatDeviceId(trx, table, { orgId, userId }, deviceId, stand);
    }
    await clearSeatDeviceNames(trx, table, orgId, userId);
  }
  for (const lease of await findLeaseNotes(trx, orgId, userId)) {
    const note = scrubNullable(lease.release_note, subject);
    if (note !== lease.release_note) await updateLeaseNote(trx, orgId, Number(lease.id), note);
  }
}

const needlesOf = (subject: ErasureSubject) =>
  [subject.email, subject.name.trim().toLowerCase()].filter((needle) => needle.length > 0);

/** Alerts (their evidence, summary and notes), the status history's notes, mail to others and webhook messages. */
async function scrubAlertsAndMessages(trx: Db, orgId: string, subject: ErasureSubject): Promise<void> {
  const needles = needlesOf(subject);
  const alerts = await findAlertsToScrub(trx, orgId, subject.userId, needles);
  for (const alert of alerts) {
    const values = {
      ip: alert.ip === null ? null : anonymiseIp(alert.ip),
      subject_key: scrubText(alert.subject_key, subject),
      // A key that named an address stops gathering evidence (null, as when resolved) rather than
      // risk meeting another alert's key on the unique index once cut.
      dedupe_key: scrubNullable(alert.dedupe_key, subject) === alert.dedupe_key ? alert.dedupe_key : null,
      summary: scrubText(alert.summary, subject),
      details: scrubText(alert.details, subject),
      note: scrubNullable(alert.note, subject),
    };
    await updateAlertText(trx, orgId, alert.id, values);
  }
  const alertIds = alerts.map((alert) => alert.id);
  for (const change of await findStatusNotesToScrub(trx, orgId, alertIds, needles)) {
    await updateStatusNote(trx, orgId, change.id, scrubNullable(change.note, subject));
  }
  for (const mail of await findMailToScrub(trx, orgId, needles)) {
    await updateMailText(trx, orgId, mail.id, {
      subject: scrubText(mail.subject, subject),
      text_body: scrubText(mail.text_body, subject),
      html_body: scrubNullable(mail.html_body, subject),
    });
  }
  for (const delivery of await findDeliveriesToScrub(trx, orgId, alertIds, needles)) {
    await updateDeliveryText(trx, orgId, delivery.id, {
      payload: scrubText(delivery.payload, subject),
      last_error: scrubNullable(delivery.last_error, subject),
    });
  }
}

/**
 * The audit log keeps what happened, not to whom: labels of the user become the placeholder, their
 * email, name and addresses leave before/after, and the address and browser of their own actions go.
 */
async function scrubAuditLog(trx: Db, orgId: string, subject: ErasureSubject): Promise<void> {
  for (const row of await findAuditRowsToScrub(trx, orgId, subject.userId, needlesOf(subject))) {
    const acted = row.actor_id === subject.userId;
    await updateAuditRow(trx, orgId, Number(row.id), {
      actor_label: acted ? ERASED_LABEL : scrubNullable(row.actor_label, subject),
      target_label: row.target_id === subject.userId ? ERASED_LABEL : scrubNullable(row.target_label, subject),
      before: scrubNullable(row.before, subject),
      after: scrubNullable(row.after, subject),
      ip: acted && row.ip !== null ? anonymiseIp(row.ip) : row.ip,
      user_agent: acted ? null : row.user_agent,
    });
  }
}
