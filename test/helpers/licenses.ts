import { randomBytes } from 'node:crypto';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { as, type Session } from './session.ts';
import type { TestContext } from './test-app.ts';
import { uniqueEmail } from './test-app.ts';

/** A product with a unique key (products are server-wide) and a subscription of it for `orgId`. */
export async function createSubscription(
  context: TestContext,
  orgId: string,
  options: { seats: number; expiresInDays?: number; name?: string },
) {
  const key = `app-${randomBytes(4).toString('hex')}`;
  const db = context.deps.database.db;
  await addProduct(db, { key, name: options.name ?? `Product ${key}` });
  const expiresAt = context.deps.now() + (options.expiresInDays ?? 365) * DAY_MS;
  const subscription = await addSubscription(db, {
    orgId,
    productKey: key,
    seats: options.seats,
    startsAt: expiresAt - 400 * DAY_MS,
    expiresAt,
  });
  return { productKey: key, subscriptionId: subscription.id };
}

export const MEMBER_PASSWORD = 'a fine long passphrase';

/** A member who has accepted the invitation (can sign in with MEMBER_PASSWORD). */
export async function createMember(context: TestContext, owner: Session, name = 'Member') {
  const email = uniqueEmail('member');
  const created = await context.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: as(owner),
    payload: { email, name },
  });
  const { user, invitation } = created.json() as { user: { id: string }; invitation: { token: string } };
  await context.app.inject({
    method: 'POST',
    url: `/api/v1/invitations/${invitation.token}/accept`,
    payload: { password: MEMBER_PASSWORD },
  });
  return { id: user.id, email };
}

export function assignSeat(context: TestContext, owner: Session, subscriptionId: string, userId: string) {
  return context.app.inject({
    method: 'POST',
    url: `/api/v1/subscriptions/${subscriptionId}/assignments`,
    headers: as(owner),
    payload: { userId },
  });
}

export const DEVICE = { id: 'machine-7f3a', name: 'Studio workstation', os: 'Windows', osVersion: '11' };

export function startAppSession(
  context: TestContext,
  body: { email: string; password: string; appKey: string; device?: Record<string, unknown> },
  remoteAddress = '81.2.69.142',
) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/app/sessions',
    remoteAddress,
    payload: {
      email: body.email,
      password: body.password,
      app: { key: body.appKey, version: '2.4.1' },
      device: body.device ?? DEVICE,
    },
  });
}

export function heartbeat(context: TestContext, token: string) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/app/sessions/current/heartbeat',
    headers: { authorization: `Bearer ${token}` },
  });
}
