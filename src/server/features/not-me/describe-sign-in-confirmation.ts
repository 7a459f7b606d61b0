import type { SignInConfirmation } from '../../../contract/security.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { toIso } from '../../lib/time.ts';
import { findSignInConfirmation } from '../notifications/index.ts';
import { getSignInDetail } from '../sign-ins/index.ts';
import { confirmationExpired, confirmationNotFound } from './confirmation-problems.ts';

/**
 * What the "this wasn't me" page shows before the user presses the button: the sign-in (when,
 * where, device, address). Reading changes nothing (mail scanners open links). A used link still
 * answers, with `used`, so the page can say what already happened; an expired one is gone (410).
 */
export async function describeSignInConfirmation(deps: AppDeps, token: string): Promise<SignInConfirmation> {
  const db = deps.database.db;
  const now = deps.now();
  const row = await findSignInConfirmation(db, hashToken(token));
  if (!row) throw confirmationNotFound();
  if (row.used_at === null && row.expires_at <= now) throw confirmationExpired();
  let signIn: Awaited<ReturnType<typeof getSignInDetail>>['signIn'];
  try {
    signIn = (await getSignInDetail(db, row.org_id, String(row.sign_in_id), now)).signIn;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw confirmationNotFound();
    throw error;
  }
  return {
    email: signIn.user?.email ?? signIn.email,
    occurredAt: signIn.occurredAt,
    location: signIn.location,
    device: describeDevice(signIn.device),
    ip: signIn.ip,
    expiresAt: toIso(row.expires_at),
    used: row.used_at !== null,
  };
}

function describeDevice(device: {
  type: string;
  os: string | null;
  browser: string | null;
  app: string | null;
  name: string | null;
}): string {
  if (device.name) return device.app ? `${device.name} (${device.app})` : device.name;
  if (device.browser && device.os) return `${device.browser} on ${device.os}`;
  return device.browser ?? device.os ?? device.type;
}
