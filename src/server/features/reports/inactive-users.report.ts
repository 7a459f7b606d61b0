import type { Db } from '../../db/database.ts';
import { DAY_MS, toIso } from '../../lib/time.ts';
import { findOrgUsers } from './report-helpers.ts';

/**
 * Active users with neither a sign-in nor app use for `days` days; someone who never
 * signed in counts from the day they were added.
 */
export async function buildInactiveUsersReport(db: Db, orgId: string, options: { days: number; now: number }) {
  const threshold = options.now - options.days * DAY_MS;
  const users = await findOrgUsers(db, orgId);
  const rows = users
    .filter((user) => user.status === 'active')
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
