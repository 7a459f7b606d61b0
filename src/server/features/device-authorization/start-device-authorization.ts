import type { StartDeviceAuthorizationBody } from '../../../contract/device-authorization.ts';
import type { AppDeps } from '../../app-deps.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError } from '../../lib/app-error.ts';
import { consoleUrl } from '../../lib/console-url.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { findProductByKey } from '../products/index.ts';
import { deleteExpiredWithUserCode, insertDeviceAuthorization } from './device-authorizations.repository.ts';
import { createUserCode, formatUserCode } from './user-code.ts';

/** How long the codes live (s): RFC 8628's example, long enough to open a browser and sign in with a second step. */
export const DEVICE_AUTHORIZATION_LIFETIME_SECONDS = 600;
/** The least time between two polls (s), RFC 8628's default; each slow-down asks the app to add 5. */
export const POLL_INTERVAL_SECONDS = 5;
/** A new user code that collides with a live one is drawn again this many times (a collision is ~10⁻¹⁰ a draw). */
const USER_CODE_DRAWS = 5;

export function unknownApp(key: string): AppError {
  return new AppError(404, 'unknown-app', 'Unknown app', `No product has the key "${key}".`);
}

/**
 * An app asks to sign its user in through the browser (RFC 8628 §3.1–3.2): a device code for the app to poll
 * with (stored as its hash) and a user code for the person to type at /device, unique among the live ones.
 * Nothing is bound to a user or an organization until someone signed in approves it.
 */
export async function startDeviceAuthorization(deps: AppDeps, input: StartDeviceAuthorizationBody) {
  const db = deps.database.db;
  const product = await findProductByKey(db, input.app.key);
  if (!product) throw unknownApp(input.app.key);
  const deviceCode = createSecureToken();
  const now = deps.now();
  const device = {
    id: input.device.id,
    name: input.device.name,
    os: input.device.os,
    osVersion: input.device.osVersion,
    type: input.device.type ?? 'desktop',
  };
  for (let draw = 1; ; draw++) {
    const userCode = createUserCode();
    // An expired authorization keeps its code until a new one draws it.
    await deleteExpiredWithUserCode(db, userCode, now);
    try {
      await insertDeviceAuthorization(db, {
        device_code_hash: hashToken(deviceCode),
        user_code: userCode,
        app_key: product.key,
        app_version: input.app.version,
        device: JSON.stringify(device),
        status: 'pending',
        org_id: null,
        user_id: null,
        created_at: now,
        expires_at: now + DEVICE_AUTHORIZATION_LIFETIME_SECONDS * 1000,
        last_polled_at: null,
        decided_at: null,
      });
    } catch (error) {
      if (isUniqueViolation(error) && draw < USER_CODE_DRAWS) continue;
      throw error;
    }
    const verificationUri = new URL(consoleUrl(deps.config.publicUrl, 'device'));
    const verificationUriComplete = new URL(verificationUri);
    verificationUriComplete.searchParams.set('code', formatUserCode(userCode));
    return {
      deviceCode,
      userCode: formatUserCode(userCode),
      verificationUri: verificationUri.toString(),
      verificationUriComplete: verificationUriComplete.toString(),
      interval: POLL_INTERVAL_SECONDS,
      expiresIn: DEVICE_AUTHORIZATION_LIFETIME_SECONDS,
    };
  }
}
