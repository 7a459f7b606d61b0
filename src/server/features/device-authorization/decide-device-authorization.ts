import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { findProductByKey } from '../products/index.ts';
import { decideDeviceAuthorization, findPendingByUserCode } from './device-authorizations.repository.ts';
import { DEVICE_AUTHORIZATION_LIFETIME_SECONDS } from './start-device-authorization.ts';
import { parseStoredDevice } from './stored-device.ts';
import { formatUserCode, normalizeUserCode } from './user-code.ts';

export interface Approver {
  orgId: string;
  userId: string;
}

/** One answer for a code that never was, has expired or was already answered: it tells a guesser nothing. */
export const deviceCodeInvalid = () =>
  new AppError(
    404,
    'device-code-invalid',
    'Code not valid',
    `No app is waiting for this code: check it, or start the sign-in in the app again (codes last ${DEVICE_AUTHORIZATION_LIFETIME_SECONDS / 60} minutes and work once).`,
  );

/** What /device shows before the user answers: which app, on which device, asks to sign in. Changes nothing. */
export async function describeDeviceAuthorization(deps: AppDeps, typedCode: string) {
  const db = deps.database.db;
  const userCode = normalizeUserCode(typedCode);
  const row = userCode ? await findPendingByUserCode(db, userCode, deps.now()) : undefined;
  if (!row) throw deviceCodeInvalid();
  const product = await findProductByKey(db, row.app_key);
  const device = parseStoredDevice(row.device);
  return {
    userCode: formatUserCode(row.user_code),
    app: { key: row.app_key, name: product?.name ?? row.app_key, version: row.app_version },
    device: { name: device.name, os: device.os, osVersion: device.osVersion, type: device.type },
    requestedAt: toIso(row.created_at),
    expiresAt: toIso(row.expires_at),
  };
}

/**
 * The signed-in user approves (the app's next poll signs them in) or denies (it is told access-denied). The
 * approver is whoever passed the console's sign-in: password, second step, step-up on risk, single sign-on.
 * The seat is checked when the app collects the session, as for a password sign-in.
 */
export async function decideDeviceAuthorizationAs(
  deps: AppDeps,
  approver: Approver,
  typedCode: string,
  status: 'approved' | 'denied',
): Promise<void> {
  const userCode = normalizeUserCode(typedCode);
  const decided =
    userCode !== undefined &&
    (await decideDeviceAuthorization(deps.database.db, userCode, { status, ...approver, now: deps.now() }));
  if (!decided) throw deviceCodeInvalid();
}
