import type { Db } from '../../src/server/db/database.ts';
import { hashPassword } from '../../src/server/features/auth/index.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { insertUser, newUserRow } from '../../src/server/features/users/users.repository.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';

/** One organization the batteries load: an owner, a few members, a floating pool of an app. */
export interface CrashWorld {
  orgId: string;
  owner: Account;
  members: Account[];
  appKey: string;
  subscriptionId: string;
}

export interface Account {
  email: string;
  password: string;
}

const APP_KEY = 'crash-app';
const MEMBERS = 4;

/** Written straight into a migrated database, before any server runs on it. */
export async function createCrashWorld(db: Db): Promise<CrashWorld> {
  const owner = { email: 'crash-owner@example.com', password: 'survives every kill -9' };
  const { organization } = await createOrganization(db, {
    name: 'Crash battery',
    ownerEmail: owner.email,
    ownerPassword: owner.password,
  });
  const members: Account[] = [];
  for (let index = 0; index < MEMBERS; index++) {
    const member = { email: `crash-member-${index}@example.com`, password: `member ${index} keeps signing in` };
    await insertUser(
      db,
      newUserRow({
        orgId: organization.id,
        email: member.email,
        name: `Member ${index}`,
        role: 'member',
        passwordHash: await hashPassword(member.password),
        now: Date.now(),
      }),
    );
    members.push(member);
  }
  await addProduct(db, { key: APP_KEY, name: 'Crash app' });
  // A floating pool far larger than the sessions a battery opens: every app sign-in gets a lease.
  const subscription = await addSubscription(db, {
    orgId: organization.id,
    productKey: APP_KEY,
    seats: 5000,
    kind: 'floating',
    startsAt: Date.now() - DAY_MS,
    expiresAt: Date.now() + 365 * DAY_MS,
  });
  return { orgId: organization.id, owner, members, appKey: APP_KEY, subscriptionId: subscription.id };
}

/** An API token of full scope for POST /api/v1/events, made through the API as an owner would. */
export async function createIngestToken(url: string, owner: Account): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(owner),
  });
  if (login.status !== 200) throw new Error(`owner sign-in answered ${login.status}: ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const created = await fetch(`${url}/api/v1/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'Crash battery ingest', scope: 'full' }),
  });
  if (created.status !== 201)
    throw new Error(`creating an API token answered ${created.status}: ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}
