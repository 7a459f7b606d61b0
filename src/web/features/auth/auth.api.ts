import { api, setCsrfToken } from '../../lib/api';
import type { InvitationPreview, Me, SignInAnswer } from './auth.types';

export async function signIn(email: string, password: string): Promise<SignInAnswer> {
  const answer = await api.post<SignInAnswer>('/auth/login', { email, password }, { allowUnauthorized: true });
  setCsrfToken(answer.csrfToken);
  return answer;
}

export async function signOut(): Promise<void> {
  try {
    await api.post<void>('/auth/logout', undefined, { allowUnauthorized: true });
  } finally {
    setCsrfToken(null);
  }
}

export async function fetchMe(signal?: AbortSignal): Promise<Me> {
  const me = await api.get<Me>('/me', { signal });
  setCsrfToken(me.csrfToken);
  return me;
}

export function fetchInvitation(token: string, signal?: AbortSignal): Promise<InvitationPreview> {
  return api.get<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`, { signal, allowUnauthorized: true });
}

export async function acceptInvitation(token: string, password: string): Promise<SignInAnswer> {
  const answer = await api.post<SignInAnswer>(
    `/invitations/${encodeURIComponent(token)}/accept`,
    { password },
    { allowUnauthorized: true },
  );
  setCsrfToken(answer.csrfToken);
  return answer;
}
