import { type SqlBool, sql } from 'kysely';
import type { ActivityPosition } from './activity.types.ts';

/**
 * Rows of one table (all of `kind`) that come after `position` in (time, kind, id)
 * descending order. Written per table so each stays a range scan of its own
 * (org, user, time, id) index.
 */
export function afterPosition(timeColumn: 'occurred_at' | 'started_at', kind: number, position: ActivityPosition) {
  const time = sql.ref(timeColumn);
  if (kind < position.kind) return sql<SqlBool>`${time} <= ${position.at}`;
  if (kind > position.kind) return sql<SqlBool>`${time} < ${position.at}`;
  return sql<SqlBool>`(${time}, id) < (${position.at}, ${position.id})`;
}
