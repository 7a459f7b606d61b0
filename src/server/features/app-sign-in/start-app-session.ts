import type { DeviceCodeAppSignInBody, PasswordAppSignInBody } from '../../../contract/app-sessions.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { attemptBuilder } from '../activity/index.ts';
import { judgeRightPassword, recordRefusedAttempt, verifySignIn } from '../auth/index.ts';
import { redeemDeviceCode, unknownApp } from '../device-authorization/index.ts';
import { findProductByKey } from '../products/index.ts';
import { findUserById } from '../users/index.ts';
import { openAppSession } from './open-app-session.ts';

/** POST /app/sessions takes either body. */
export function startAppSession(
  deps: AppDeps,
  client: ClientContext,
  input: PasswordAppSignInBody | DeviceCodeAppSignInBody,
) {
  return 'deviceCode' in input
    ? startAppSessionWithDeviceCode(deps, client, input)
    : startAppSessionWithPassword(deps, client, input);
}

/**
 * An app signs a user in with their password: the attempt is recorded as the app's (with the device it
 * describes; a device credential it holds lets the throttle count it on its own). A right password then meets
 * the console's rules (judgeRightPassword): a flagged sign-in the organization blocks is refused (403
 * sign-in-blocked); one that would be asked a second step (the user has a factor), or that may only enrol one
 * (required, grace over), or any where the organization allows apps no passwords, is refused with 403
 * browser-sign-in-required (recorded): the browser can ask what a password alone would skip. All of it after
 * the password, so the answer tells nothing to someone without it. Then the seat check and the session.
 */
export async function startAppSessionWithPassword(deps: AppDeps, client: ClientContext, input: PasswordAppSignInBody) {
  const db = deps.database.db;
  const product = await findProductByKey(db, input.app.key);
  if (!product) throw unknownApp(input.app.key);
  const app = { key: product.key, version: input.app.version, device: describedDevice(input.device) };
  const verified = await verifySignIn(deps, client, input, { client: 'app', app });
  const { user, attempt } = verified;
  const { decision, policy } = await judgeRightPassword(deps, client, verified, deps.now());
  const needsBrowser = decision.kind === 'ask' || decision.enrolmentOnly;
  if (!policy.appPasswordSignIn || needsBrowser) {
    await recordRefusedAttempt(
      deps,
      client,
      attempt({ outcome: 'failure', failureReason: 'browser_sign_in_required' }),
      user,
    );
    const why = !policy.appPasswordSignIn
      ? 'Your organization lets apps sign in through the browser only.'
      : decision.kind === 'ask'
        ? 'Your account has two-step verification, which a password typed into an app would skip.'
        : 'Your organization requires two-step verification: set it up in Seatkeeper first.';
    throw new AppError(
      403,
      'browser-sign-in-required',
      'Sign in through the browser',
      `${why} Use the app’s “Sign in with browser” (POST /api/v1/app/device-authorizations) and approve it in Seatkeeper.`,
    );
  }
  return openAppSession(deps, client, verified, product, input.app.version);
}

/**
 * An app collects a sign-in its user approved in the browser (RFC 8628): the poll's answer until then
 * (redeemDeviceCode), then, once, the same seat check and session as a password sign-in, recorded as
 * method device_authorization with the app and device of the authorization and the polling client's address.
 * Every factor of the user applied in the console session that approved it.
 */
export async function startAppSessionWithDeviceCode(
  deps: AppDeps,
  client: ClientContext,
  input: DeviceCodeAppSignInBody,
) {
  const db = deps.database.db;
  const redeemed = await redeemDeviceCode(deps, input.deviceCode);
  const product = await findProductByKey(db, redeemed.app.key);
  if (!product) throw unknownApp(redeemed.app.key);
  const user = await findUserById(db, redeemed.orgId, redeemed.userId);
  if (!user) throw new AppError(400, 'invalid-grant', 'Device code not valid', 'The user who approved it is gone.');
  const attempt = attemptBuilder(
    deps.now,
    { orgId: user.org_id, userId: user.id, email: user.email_normalized },
    { client: 'app', app: { ...redeemed.app, device: redeemed.device }, method: 'device_authorization' },
  );
  if (user.status === 'deactivated') {
    // Deactivated after approving: deactivation ends the console sessions, and ends this too.
    await recordRefusedAttempt(deps, client, attempt({ outcome: 'failure', failureReason: 'deactivated' }), user);
    throw new AppError(403, 'account-deactivated', 'Account deactivated', 'Ask an owner of your organization.');
  }
  return openAppSession(deps, client, { user, attempt }, product, redeemed.app.version);
}

function describedDevice(device: PasswordAppSignInBody['device']) {
  return {
    id: device.id,
    name: device.name,
    type: device.type ?? 'desktop',
    os: device.os,
    osVersion: device.osVersion,
  };
}
