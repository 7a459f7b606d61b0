import type { AppDeps } from '../../app-deps.ts';
import type { UserRow } from '../../db/schema.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { localDay } from '../../lib/local-date.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { toIso } from '../../lib/time.ts';
import type { SignInAttempt } from '../activity/index.ts';
import { addDailyUsage, insertAppSession, sessionPlaceOf } from '../app-sessions/index.ts';
import { issueDeviceCredential, recordSignInAttempt } from '../auth/index.ts';
import { findSeatsForApp } from '../licenses/index.ts';
import { findOrganization } from '../organizations/index.ts';
import type { Product } from '../products/index.ts';
import { addAppUsageAggregates } from '../report-aggregates/index.ts';
import { settleDenialsOnSeat } from '../seat-denials/index.ts';
import { attachLease } from '../seat-leases/index.ts';
import { chooseSeat } from './choose-seat.ts';
import { refuseSeat } from './refuse-seat.ts';
import { SeatRefused, takeAppSeat } from './take-app-seat.ts';

/** Apps send a heartbeat this often; a named seat's session silent for 3 intervals is over. */
export const HEARTBEAT_INTERVAL_SECONDS = 60;
export const SILENCE_LIMIT_MS = 3 * HEARTBEAT_INTERVAL_SECONDS * 1000;

/** A user whose sign-in to an app is proven (password, or a device authorization they approved). */
export interface VerifiedAppSignIn {
  user: UserRow;
  /** The attempt to record, with the fields that differ (outcome, reason, time). */
  attempt: (overrides: Partial<SignInAttempt>) => SignInAttempt;
}

/**
 * What every app sign-in does once the user is verified, whichever way. The seat (chooseSeat): the
 * user's named seat, else a floating pool of the organization. None, or none after all inside the
 * transaction (pool full, device limit: takeAppSeat), is a refusal recorded in a transaction of its own
 * with its denial (refuseSeat), answered 403. Otherwise one transaction: the seat taken (older sessions
 * of this device replaced, a lease taken or a borrowed one picked up), the recorded attempt (risk flags,
 * counts, alerts, notifications: recordSignInAttempt), the app session (a floating one lives as long as
 * its pool's lease window of silence), the lease attached to it, the user's pending denials of the
 * product settled (they got a seat on a retry), and the session counted in the day's usage.
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
  const refuse = (refusal: Parameters<typeof refuseSeat>[2]['refusal']) =>
    refuseSeat(deps, client, { user, attempt, product, refusal });
  const choice = chooseSeat(await findSeatsForApp(db, user.org_id, user.id, product.key), now);
  if (choice.kind === 'none') throw await refuse({ reason: choice.reason, subscriptionId: choice.subscriptionId });
  const organization = await findOrganization(db, user.org_id);
  const described = attempt({}).app?.device;
  const device = { id: described?.id ?? null, name: described?.name ?? null };
  const token = createSecureToken();
  let subscription: Awaited<ReturnType<typeof takeAppSeat>>['subscription'];
  try {
    subscription = await db.transaction().execute(async (trx) => {
      const seat = await takeAppSeat(trx, {
        orgId: user.org_id,
        userId: user.id,
        appKey: product.key,
        device,
        choice,
        now,
      });
      const { row } = await recordSignInAttempt(trx, deps, client, attempt({ occurredAt: now }), user);
      const floating = seat.subscription.kind === 'floating';
      const sessionId = await insertAppSession(trx, {
        org_id: user.org_id,
        user_id: user.id,
        subscription_id: seat.subscription.subscription_id,
        app_key: product.key,
        app_version: appVersion,
        token_hash: hashToken(token),
        heartbeat_interval_s: HEARTBEAT_INTERVAL_SECONDS,
        silence_limit_s: floating ? seat.subscription.lease_window_s : null,
        started_at: now,
        last_heartbeat_at: now,
        ended_at: null,
        end_reason: null,
        usage_counted_until: now,
        ...sessionPlaceOf(row),
      });
      await attachLease(trx, seat.leaseId, sessionId);
      await settleDenialsOnSeat(trx, { orgId: user.org_id, userId: user.id, productKey: product.key, now });
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
      return seat.subscription;
    });
  } catch (error) {
    if (!(error instanceof SeatRefused)) throw error;
    throw await refuse({
      reason: error.reason,
      subscriptionId: error.subscription.subscription_id,
      pools: choice.kind === 'floating' ? choice.pools.map((pool) => pool.subscription_id) : [],
      devicesInUse: error.devicesInUse,
      deviceLimit: error.subscription.device_limit,
    });
  }
  const deviceCredential = await issueDeviceCredential(db, user, now);
  const floating = subscription.kind === 'floating';
  return {
    sessionToken: token,
    deviceCredential,
    expiresAt: toIso(now + (floating ? subscription.lease_window_s * 1000 : SILENCE_LIMIT_MS)),
    heartbeatIntervalSeconds: HEARTBEAT_INTERVAL_SECONDS,
    license: {
      subscriptionId: subscription.subscription_id,
      product: { key: product.key, name: product.name },
      expiresAt: toIso(subscription.expires_at),
    },
  };
}
