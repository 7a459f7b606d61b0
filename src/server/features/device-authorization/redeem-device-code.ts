import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { claimApprovedAuthorization, findByDeviceCodeHash, takePollTurn } from './device-authorizations.repository.ts';
import { POLL_INTERVAL_SECONDS } from './start-device-authorization.ts';
import { parseStoredDevice, type StoredDevice } from './stored-device.ts';

/** An approved authorization, now used: whose sign-in it is, and which app on which device asked. */
export interface RedeemedDeviceAuthorization {
  orgId: string;
  userId: string;
  app: { key: string; version: string };
  device: StoredDevice;
}

/** The answers of a poll that signs nobody in (RFC 8628 §3.5's error codes, as problems; all 400 as there). */
const pollProblem = (code: string, title: string, detail: string) => new AppError(400, code, title, detail);
export const DEVICE_POLL_PROBLEMS = [
  'authorization-pending',
  'slow-down',
  'access-denied',
  'expired-token',
  'invalid-grant',
] as const;

const invalidGrant = () =>
  pollProblem(
    'invalid-grant',
    'Device code not valid',
    'This device code is unknown or was already used. Start a new sign-in (POST /api/v1/app/device-authorizations).',
  );

/**
 * One poll of the app (RFC 8628 §3.4–3.5): refuses with the problem that says what to do next until the user
 * has approved; then marks the authorization used and hands it over, exactly once however many polls arrive
 * together (an UPDATE … WHERE status = 'approved' that only one can win). Polls of a pending authorization
 * closer together than the interval answer slow-down and do not count as a turn.
 */
export async function redeemDeviceCode(deps: AppDeps, deviceCode: string): Promise<RedeemedDeviceAuthorization> {
  const db = deps.database.db;
  const deviceCodeHash = hashToken(deviceCode);
  const row = await findByDeviceCodeHash(db, deviceCodeHash);
  const now = deps.now();
  if (!row || row.status === 'used') throw invalidGrant();
  if (row.status === 'denied') {
    throw pollProblem('access-denied', 'Sign-in denied', 'The user denied this sign-in in the browser.');
  }
  if (row.expires_at <= now) {
    throw pollProblem(
      'expired-token',
      'Code expired',
      'Nobody approved the sign-in in time. Start a new one (POST /api/v1/app/device-authorizations).',
    );
  }
  if (row.status === 'pending') {
    if (!(await takePollTurn(db, deviceCodeHash, now, POLL_INTERVAL_SECONDS * 1000))) {
      throw pollProblem(
        'slow-down',
        'Polling too fast',
        `Wait at least the interval between polls, and add 5 seconds to it from now on (RFC 8628 §3.5).`,
      );
    }
    throw pollProblem(
      'authorization-pending',
      'Waiting for the user',
      'The user has not approved the sign-in yet. Poll again after the interval.',
    );
  }
  if (row.org_id === null || row.user_id === null || !(await claimApprovedAuthorization(db, deviceCodeHash, now))) {
    throw invalidGrant();
  }
  return {
    orgId: row.org_id,
    userId: row.user_id,
    app: { key: row.app_key, version: row.app_version },
    device: parseStoredDevice(row.device),
  };
}
