import type { Db } from '../../db/database.ts';
import { decodeCursor, encodeCursor } from '../../http/paging.ts';
import { findAppSessionActivity } from '../app-sessions/app-session-activity.repository.ts';
import { findSignInAttempts } from './activity.repository.ts';
import type { ActivityFilters, ActivityItem, ActivityPosition } from './activity.types.ts';

type Scope = { orgId: string; userId: string };

/**
 * One page of a user's activity: sign-in attempts and app sessions merged newest
 * first. Each table gives at most limit+1 rows after the cursor from its own index,
 * so any page costs the same however deep it is.
 */
export async function findActivityPage(
  db: Db,
  scope: Scope,
  filters: ActivityFilters,
  page: { cursor?: string | undefined; limit: number },
  now: number,
): Promise<{ items: ActivityItem[]; nextCursor: string | null }> {
  const after = decodePosition(page.cursor);
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
    nextCursor:
      merged.length > page.limit && last
        ? encodeCursor([last.position.at, last.position.kind, last.position.id])
        : null,
  };
}

/** Every matching row, page by page, for a CSV export that never holds years of history in memory. */
export async function* iterateActivity(db: Db, scope: Scope, filters: ActivityFilters, now: number) {
  let cursor: string | undefined;
  do {
    const page = await findActivityPage(db, scope, filters, { cursor, limit: 1000 }, now);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

function decodePosition(cursor: string | undefined): ActivityPosition | undefined {
  const key = decodeCursor(cursor, ['number', 'number', 'number']);
  if (!key) return undefined;
  return { at: Number(key[0]), kind: key[1] === 1 ? 1 : 0, id: Number(key[2]) };
}

function comparePositions(a: ActivityPosition, b: ActivityPosition): number {
  return a.at - b.at || a.kind - b.kind || a.id - b.id;
}
