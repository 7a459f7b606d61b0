import type { Db } from '../../db/database.ts';
import { findSignInAttempts } from './activity.repository.ts';
import type { ActivityFilters, ActivityItem, ActivityPosition } from './activity.types.ts';
import { findAppSessionActivity } from './app-session-activity.repository.ts';

type Scope = { orgId: string; userId: string };

/**
 * One page of a user's activity: sign-in attempts and app sessions merged newest
 * first. Each table gives at most limit+1 rows after the position from its own index,
 * so any page costs the same however deep it is.
 */
export async function findActivityPage(
  db: Db,
  scope: Scope,
  filters: ActivityFilters,
  page: { after?: ActivityPosition | undefined; limit: number },
  now: number,
): Promise<{ items: ActivityItem[]; next: ActivityPosition | null }> {
  const after = page.after;
  const take = page.limit + 1;
  const [logins, sessions] = await Promise.all([
    filters.type === 'app_session' ? [] : findSignInAttempts(db, scope, filters, after, take),
    filters.type === 'login' ? [] : findAppSessionActivity(db, scope, filters, after, take, now),
  ]);
  const merged = [...logins, ...sessions].sort((a, b) => comparePositions(b.position, a.position)).slice(0, take);
  const items = merged.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((entry) => entry.item),
    next: merged.length > page.limit && last ? last.position : null,
  };
}

/** Every matching row, page by page, for a CSV export that never holds years of history in memory. */
export async function* iterateActivity(db: Db, scope: Scope, filters: ActivityFilters, now: number) {
  let after: ActivityPosition | undefined;
  do {
    const page = await findActivityPage(db, scope, filters, { after, limit: 1000 }, now);
    yield* page.items;
    after = page.next ?? undefined;
  } while (after);
}

function comparePositions(a: ActivityPosition, b: ActivityPosition): number {
  return a.at - b.at || a.kind - b.kind || a.id - b.id;
}
