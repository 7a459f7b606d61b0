import type { ActivityItem } from '../../../contract/activity';

/**
 * The sign-in log's id (`GET /sign-ins/{id}`) of an Activity item: login items are `login-<id>`, the same attempt
 * the log knows by `<id>`; app-session items (`session-<id>`) have none.
 */
export function signInIdOf(item: Pick<ActivityItem, 'id' | 'type'>): string | null {
  if (item.type !== 'login') return null;
  const match = /^login-(\d{1,15})$/.exec(item.id);
  return match?.[1] ?? null;
}
