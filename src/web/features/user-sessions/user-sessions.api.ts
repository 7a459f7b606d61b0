import type { EndedSessions, UserSession, UserSessionList } from '../../../contract/user-sessions';
import { api } from '../../lib/api';

/** Whose sessions: a user's (owners, /users/{id}/sessions) or the signed-in user's own (/me/sessions). */
export type SessionsOwner = { userId: string } | 'me';

function basePath(owner: SessionsOwner): string {
  return owner === 'me' ? '/me/sessions' : `/users/${encodeURIComponent(owner.userId)}/sessions`;
}

export const userSessionKeys = {
  all: ['user-sessions'] as const,
  of: (owner: SessionsOwner) => ['user-sessions', owner === 'me' ? 'me' : owner.userId] as const,
};

export async function listSessions(owner: SessionsOwner, signal?: AbortSignal): Promise<UserSession[]> {
  const list = await api.get<UserSessionList>(basePath(owner), { signal });
  return list.items;
}

export function endSession(owner: SessionsOwner, sessionId: string): Promise<void> {
  return api.delete<void>(`${basePath(owner)}/${encodeURIComponent(sessionId)}`);
}

/** Every session of the user; on one's own (me, or an owner's own user id), all but this browser's. */
export function endAllSessions(owner: SessionsOwner): Promise<EndedSessions> {
  return api.delete<EndedSessions>(basePath(owner));
}
