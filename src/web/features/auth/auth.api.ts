import type { LoginBody, LoginResponse, MeResponse } from '../../../contract/auth';
import type { AcceptInvitationBody, InvitationPreview } from '../../../contract/users';
import { api, setCsrfToken } from '../../lib/api';

export async function signIn(email: string, password: string): Promise<LoginResponse> {
  const answer = await api.post<LoginResponse>('/auth/login', { email, password } satisfies LoginBody, {
    allowUnauthorized: true,
  });
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

export async function fetchMe(signal?: AbortSignal): Promise<MeResponse> {
  const me = await api.get<MeResponse>('/me', { signal });
  setCsrfToken(me.csrfToken);
  return me;
}

export function fetchInvitation(token: string, signal?: AbortSignal): Promise<InvitationPreview> {
  return api.get<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`, { signal, allowUnauthorized: true });
}

export async function acceptInvitation(token: string, password: string): Promise<LoginResponse> {
  const answer = await api.post<LoginResponse>(
    `/invitations/${encodeURIComponent(token)}/accept`,
    { password } satisfies AcceptInvitationBody,
    { allowUnauthorized: true },
  );
  setCsrfToken(answer.csrfToken);
  return answer;
}
