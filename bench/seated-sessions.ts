import type { Db } from '../src/server/db/database.ts';
import { insertAppSession } from '../src/server/features/app-sessions/app-sessions.repository.ts';
import { HEARTBEAT_INTERVAL_SECONDS } from '../src/server/features/app-sign-in/index.ts';
import { insertAssignment } from '../src/server/features/licenses/seat-assignments.repository.ts';
import { addProduct, addSubscription } from '../src/server/features/operator/manage-subscriptions.ts';
import { reserveSeat } from '../src/server/features/subscriptions/subscriptions.repository.ts';
import { insertUser, newUserRow } from '../src/server/features/users/users.repository.ts';
import { startProgress } from '../src/server/lib/progress.ts';
import { createSecureToken, hashToken } from '../src/server/lib/secure-token.ts';
import { DAY_MS } from '../src/server/lib/time.ts';

/**
 * `count` members of the organization, each with a named seat of a new product and an open app
 * session on it, written directly (signing thousands of people in through argon2id is not what the
 * heartbeat benchmarks measure). Answers the session tokens, in the users' order.
 */
export async function createSeatedSessions(db: Db, orgId: string, count: number): Promise<string[]> {
  const now = Date.now();
  const key = `bench-${now}`;
  await addProduct(db, { key, name: 'Bench app' });
  const subscription = await addSubscription(db, {
    orgId,
    productKey: key,
    seats: count,
    startsAt: now - DAY_MS,
    expiresAt: now + 30 * DAY_MS,
  });
  const tokens: string[] = [];
  const progress = startProgress('Sessions', count, (line) => process.stdout.write(`${line}\n`));
  await db.transaction().execute(async (trx) => {
    for (let index = 0; index < count; index++) {
      if (index % 1000 === 999) progress.increment(1000);
      const user = newUserRow({
        orgId,
        email: `bench-${now}-${index}@example.com`,
        name: `Bench ${index}`,
        role: 'member',
        passwordHash: null,
        now,
      });
      await insertUser(trx, user);
      await reserveSeat(trx, orgId, subscription.id, now);
      await insertAssignment(trx, { orgId, subscriptionId: subscription.id, userId: user.id, assignedBy: null, now });
      const token = createSecureToken();
      tokens.push(token);
      await insertAppSession(trx, {
        org_id: orgId,
        user_id: user.id,
        subscription_id: subscription.id,
        app_key: key,
        app_version: '1.0.0',
        token_hash: hashToken(token),
        heartbeat_interval_s: HEARTBEAT_INTERVAL_SECONDS,
        started_at: now,
        last_heartbeat_at: now,
        ended_at: null,
        end_reason: null,
        usage_counted_until: now,
        ip: '81.2.69.142',
        country_code: 'GB',
        country: 'United Kingdom',
        region: 'England',
        city: 'London',
        latitude: 51.5142,
        longitude: -0.0931,
        asn: null,
        as_organization: null,
        device_type: 'desktop',
        device_id: `device-${index}`,
        device_name: `Bench machine ${index}`,
        os: 'Windows',
        os_version: '11',
      });
    }
  });
  progress.stop();
  return tokens;
}
