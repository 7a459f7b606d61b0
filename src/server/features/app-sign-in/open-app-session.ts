import type { AppDeps } from '../../app-deps.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { localDay } from '../../lib/local-date.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { toIso } from '../../lib/time.ts';
import type { SignInAttempt } from '../activity/index.ts';
import { addDailyUsage, insertAppSession, markSeatsUsed, sessionPlaceOf } from '../app-sessions/index.ts';
import { issueDeviceCredential, recordRefusedAttempt, recordSignInAttempt } from '../auth/index.ts';
import { findUsableSeat } from '../licenses/index.ts';
import { findOrganization } from '../organizations/index.ts';
import type { Product } from '../products/index.ts';
import { addAppUsageAggregates } from '../report-aggregates/index.ts';
import { takeLease } from '../seat-leases/index.ts';
import { updateUser } from '../users/index.ts';

/** Apps send a heartbeat this often; a session silent for 3 intervals is over. */
export const HEARTBEAT_INTERVAL_SECONDS = 60;
export const SILENCE_LIMIT_MS = 3 * HEARTBEAT_INTERVAL_SECONDS * 1000;

/** A user whose sign-in to an app is proven (password, or a device authorization they approved). */
export interface VerifiedAppSignIn {
  user: UserRow;
  /** The attempt to record, with the fields that differ (outcome, reason, time). */
  attempt: (overrides: Partial<SignInAttempt>) => SignInAttempt;
}

/**
 * What every app sign-in does once the user is verified, whichever way: the seat check (a refusal is recorded
 * in a transaction of its own and answers 403 no-license), then in one transaction the recorded attempt (risk
 * flags, counts, alerts, notifications: recordSignInAttempt), the app session, the user's and the seat's "last
 * used", and the session counted in the day's usage and its aggregates.
 */
export async function openAppSession(
  deps: AppDeps,
  client: ClientContext,
  { user, attempt }: VerifiedAppSignIn,
  product: Product,
  appVersion: string,
) {
  const db = deps.database.db;
  const now = deps.now();
  const seat = await findUsableSeat(db, user.org_id, user.id, product.key, now);
  if (!seat) {
    await recordRefusedAttempt(deps, client, attempt({ outcome: 'failure', failureReason: 'no_license' }), user);
    throw new AppError(
      403,
      'no-license',
      'No seat for this app',
      `${user.email} holds no seat of ${product.name}. Ask an owner of your organization to assign one.`,
    );
  }
  const organization = await findOrganization(db, user.org_id);
  const deviceCredential = await issueDeviceCredential(db, user, now);
  const token = createSecureToken();
  await db.transaction().execute(async (trx) => {
    const { row } = await recordSignInAttempt(trx, deps, client, attempt({ occurredAt: now }), user);
    const sessionId = await insertAppSession(trx, {
      org_id: user.org_id,
      user_id: user.id,
      subscription_id: seat.subscription_id,
      app_key: product.key,
      app_version: appVersion,
      token_hash: hashToken(token),
      heartbeat_interval_s: HEARTBEAT_INTERVAL_SECONDS,
      started_at: now,
      last_heartbeat_at: now,
      ended_at: null,
      end_reason: null,
      usage_counted_until: now,
      ...sessionPlaceOf(row),
    });
    await takeLease(trx, {
      subscription: { orgId: user.org_id, id: seat.subscription_id, kind: 'named' },
      userId: user.id,
      appSessionId: sessionId,
      device: { id: row.device_id, name: row.device_name },
      now,
    });
    await updateUser(trx, user.org_id, user.id, { last_login_at: now, last_app_use_at: now, updated_at: now });
    await markSeatsUsed(trx, [seat.assignment_id], now);
    const usage = [
      {
        org_id: user.org_id,
        user_id: user.id,
        app_key: product.key,
        day: localDay(now, organization?.timeZone ?? 'UTC'),
        sessions: 1,
        active_seconds: 0,
      },
    ];
    await addDailyUsage(trx, usage);
    await addAppUsageAggregates(trx, usage);
  });
  return {
    sessionToken: token,
    deviceCredential,
    expiresAt: toIso(now + SILENCE_LIMIT_MS),
    heartbeatIntervalSeconds: HEARTBEAT_INTERVAL_SECONDS,
    license: {
      subscriptionId: seat.subscription_id,
      product: { key: product.key, name: product.name },
      expiresAt: toIso(seat.expires_at),
    },
  };
}
