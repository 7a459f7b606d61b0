import type { BorrowResult, LeaseFileClaims } from '../../../contract/leases.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { DAY_MS, toIso } from '../../lib/time.ts';
import { findSessionsByToken, judgeHeartbeat, sessionInvalid } from '../app-sessions/index.ts';
import { ensureSigningKey, signLeaseFile } from '../license-keys/index.ts';
import { queueSeatEvents } from '../notifications/index.ts';
import {
  countFloatingBorrow,
  countNamedBorrow,
  findLiveLeasesOfSessions,
  lockLiveLease,
  markLeaseBorrowed,
} from '../seat-leases/index.ts';
import { findBorrowContext } from './seat-borrowing.repository.ts';

/** Where the keys of one organization are published (the JWKS; also the file's issuer's). */
export function licenseKeysUrl(publicUrl: URL, orgId: string): string {
  return new URL(`/api/v1/license-keys?orgId=${encodeURIComponent(orgId)}`, publicUrl).href;
}

/**
 * An app checks its session's seat out for `days` whole days, to run offline (issue 14). One
 * transaction: the session judged as a heartbeat would judge it, the days checked against the
 * subscription's maximum, the borrowing counted (on a floating pool only while seats − minimum stay
 * in the pool), the lease marked borrowed with the signing key, and the `lease.borrowed` webhook.
 * Borrowing again replaces the file and its end (same lease, counted once). The answer's lease file is
 * an EdDSA-signed JWS of LeaseFileClaims, which the app verifies offline with the published keys.
 */
export async function borrowSeat(deps: AppDeps, token: string, days: number): Promise<BorrowResult> {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const [session] = await findSessionsByToken(trx, [hashToken(token)]);
    if (!session) throw sessionInvalid();
    // A session that is over (or should be) borrows nothing; its heartbeat or the sweeper records why.
    const verdict = judgeHeartbeat(session, now);
    if (verdict.kind !== 'alive') throw verdict.error;
    const [lease] = await findLiveLeasesOfSessions(trx, [session.id]);
    if (!lease) {
      throw new AppError(409, 'no-lease', 'No seat to borrow', 'This session holds no seat now; sign in again.');
    }
    const context = await findBorrowContext(trx, session.org_id, lease.subscription_id, lease.user_id);
    if (!context) throw sessionInvalid();
    if (context.max_borrow_days === 0) {
      throw new AppError(
        403,
        'borrowing-not-allowed',
        'Borrowing is turned off',
        'An owner of your organization does not allow seats of this subscription to be borrowed.',
      );
    }
    if (days > context.max_borrow_days) {
      throw new AppError(
        400,
        'borrow-too-long',
        'Borrowing too long',
        `A seat of this subscription can be borrowed for at most ${context.max_borrow_days} days.`,
        { members: { maxBorrowDays: context.max_borrow_days } },
      );
    }
    // Never past the subscription's end (the seat goes with it); whole seconds, as the file's `exp`.
    const until = Math.floor(Math.min(now + days * DAY_MS, context.expires_at) / 1000) * 1000;
    // The organization's key first (it may lock the organization, which deactivation takes before the
    // subscription), then the lease's row: a release or another borrowing of it waits, and what it says
    // now decides whether this borrowing is counted.
    const key = await ensureSigningKey(trx, session.org_id, now);
    const locked = await lockLiveLease(trx, lease.id);
    if (!locked) {
      throw new AppError(409, 'no-lease', 'No seat to borrow', 'This session holds no seat now; sign in again.');
    }
    if (locked.borrowed_until === null) {
      if (context.kind === 'floating') {
        if (!(await countFloatingBorrow(trx, session.org_id, lease.subscription_id, now))) {
          throw poolMinimum(context.min_pool_seats);
        }
      } else {
        await countNamedBorrow(trx, session.org_id, lease.subscription_id, now);
      }
    }
    await markLeaseBorrowed(trx, lease.id, { at: now, until, signingKeyId: key.id });
    await queueSeatEvents(trx, {
      orgId: session.org_id,
      now,
      events: [
        {
          type: 'lease.borrowed',
          data: {
            lease: {
              id: String(lease.id),
              subscriptionId: lease.subscription_id,
              userId: lease.user_id,
              deviceId: lease.device_id,
              deviceName: lease.device_name,
              borrowedAt: toIso(now),
              borrowedUntil: toIso(until),
            },
          },
        },
      ],
    });
    const claims: LeaseFileClaims = {
      iss: deps.config.publicUrl.origin,
      sub: lease.user_id,
      jti: String(lease.id),
      iat: Math.floor(now / 1000),
      exp: until / 1000,
      org: session.org_id,
      email: context.email,
      product: { key: context.product_key, name: context.product_name },
      subscriptionId: lease.subscription_id,
      device: { id: lease.device_id, name: lease.device_name },
      seats: 1,
    };
    return {
      leaseId: String(lease.id),
      leaseFile: await signLeaseFile(key, claims),
      expiresAt: toIso(until),
      keysUrl: licenseKeysUrl(deps.config.publicUrl, session.org_id),
    };
  });
}

function poolMinimum(minimum: number): AppError {
  return new AppError(
    409,
    'pool-minimum',
    'No seat can be borrowed now',
    `${minimum} ${minimum === 1 ? 'seat stays' : 'seats stay'} in the pool for people in the office, and the rest ` +
      'are borrowed already. Try again when one is returned.',
    { members: { minPoolSeats: minimum } },
  );
}
