import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { DAY_MS, toIso } from '../../lib/time.ts';

/**
 * Active users with neither a sign-in nor app use for `days` days; someone who never
 * signed in counts from the day they were added.
 */
export async function buildInactiveUsersReport(db: Db, orgId: string, options: { days: number; now: number }) {
  const threshold = options.now - options.days * DAY_MS;
  // In SQL, the same rule as below: only the quiet few leave the database.
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'created_at', 'last_login_at', 'last_app_use_at'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .where((eb) =>
      eb.and([
        eb(eb.fn.coalesce('last_login_at', sql.lit(0)), '<', threshold),
        eb(eb.fn.coalesce('last_app_use_at', sql.lit(0)), '<', threshold),
        eb.or([
          eb('last_login_at', 'is not', null),
          eb('last_app_use_at', 'is not', null),
          eb('created_at', '<', threshold),
        ]),
      ]),
    )
    .execute();
  const rows = users
    .map((user) => {
      const lastActivity = Math.max(user.last_login_at ?? 0, user.last_app_use_at ?? 0) || user.created_at;
      return { user, lastActivity };
    })
    .filter(({ lastActivity }) => lastActivity < threshold)
    .map(({ user, lastActivity }) => ({
      userId: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      createdAt: toIso(user.created_at),
      lastSignInAt: toIso(user.last_login_at),
      lastAppUseAt: toIso(user.last_app_use_at),
      inactiveDays: Math.floor((options.now - lastActivity) / DAY_MS),
    }))
    .sort((a, b) => b.inactiveDays - a.inactiveDays);
  return { rows };
}
