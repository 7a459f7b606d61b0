import type { Db } from '../../db/database.ts';
import { DAY_MS, toIso } from '../../lib/time.ts';

/** Held seats of live subscriptions whose holder has not used that app for `days` days (never: since assigned). */
export async function buildUnderusedLicensesReport(db: Db, orgId: string, options: { days: number; now: number }) {
  const threshold = options.now - options.days * DAY_MS;
  const seats = await db
    .selectFrom('seat_assignments as a')
    .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select([
      'a.subscription_id',
      'a.assigned_at',
      'a.last_used_at',
      'p.key as app',
      'p.name as app_name',
      'u.id as user_id',
      'u.name',
      'u.email',
    ])
    .where('a.org_id', '=', orgId)
    .where('a.unassigned_at', 'is', null)
    .where('s.expires_at', '>', options.now)
    .execute();
  const rows = seats
    .map((seat) => ({ seat, since: seat.last_used_at ?? seat.assigned_at }))
    .filter(({ since }) => since < threshold)
    .map(({ seat, since }) => ({
      subscriptionId: seat.subscription_id,
      app: seat.app,
      appName: seat.app_name,
      userId: seat.user_id,
      name: seat.name,
      email: seat.email,
      assignedAt: toIso(seat.assigned_at),
      lastUsedAt: toIso(seat.last_used_at),
      idleDays: Math.floor((options.now - since) / DAY_MS),
    }))
    .sort((a, b) => b.idleDays - a.idleDays);
  return { rows };
}
