import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { localDay } from '../../lib/local-date.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { toIso } from '../../lib/time.ts';
import { addDailyUsage, insertAppSession, markSeatsUsed, sessionPlaceOf } from '../app-sessions/index.ts';
import { issueDeviceCredential, recordRefusedAttempt, recordSignInAttempt, verifySignIn } from '../auth/index.ts';
import type { DeviceType } from '../device/index.ts';
import { findUsableSeat } from '../licenses/index.ts';
import { findOrganization } from '../organizations/index.ts';
import { findProductByKey } from '../products/index.ts';
import { addAppUsageAggregates } from '../report-aggregates/index.ts';
import { updateUser } from '../users/index.ts';

/** Apps send a heartbeat this often; a session silent for 3 intervals is over. */
export const HEARTBEAT_INTERVAL_SECONDS = 60;
export const SILENCE_LIMIT_MS = 3 * HEARTBEAT_INTERVAL_SECONDS * 1000;

export interface StartAppSessionInput {
  email: string;
  password: string;
  app: { key: string; version: string };
  device: { id: string; name: string; os: string; osVersion: string; type?: Exclude<DeviceType, 'bot'> | undefined };
  /** From this installation's last successful sign-in; see device-credential.ts. */
  deviceCredential?: string | undefined;
}

/**
 * An app signs a user in: the attempt is recorded as the app's (with the device it
 * describes; a device credential it holds lets the throttle count it on its own), then
 * the seat is checked (a refusal is recorded in a transaction of its own). Success records the
 * attempt with its risk flags, counts, alerts and notifications (recordSignInAttempt), opens an
 * app session, marks the user and the seat used and counts the session in the day's usage and
 * its aggregates, all in one transaction.
 */
export async function startAppSession(deps: AppDeps, client: ClientContext, input: StartAppSessionInput) {
  const db = deps.database.db;
  const product = await findProductByKey(db, input.app.key);
  if (!product) {
    throw new AppError(404, 'unknown-app', 'Unknown app', `No product has the key "${input.app.key}".`);
  }
  const app = {
    key: product.key,
    version: input.app.version,
    device: {
      id: input.device.id,
      name: input.device.name,
      type: input.device.type ?? 'desktop',
      os: input.device.os,
      osVersion: input.device.osVersion,
    },
  };
  const { user, attempt } = await verifySignIn(deps, client, input, { client: 'app', app });
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
    await insertAppSession(trx, {
      org_id: user.org_id,
      user_id: user.id,
      subscription_id: seat.subscription_id,
      app_key: product.key,
      app_version: input.app.version,
      token_hash: hashToken(token),
      heartbeat_interval_s: HEARTBEAT_INTERVAL_SECONDS,
      started_at: now,
      last_heartbeat_at: now,
      ended_at: null,
      end_reason: null,
      usage_counted_until: now,
      ...sessionPlaceOf(row),
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
