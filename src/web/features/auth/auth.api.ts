import type {
  LoginBody,
  LoginResponse,
  LoginVerifyBody,
  MeResponse,
  SignInStartResponse,
} from '../../../contract/auth';
import type { AcceptInvitationBody, InvitationPreview } from '../../../contract/users';
import { api, setCsrfToken } from '../../lib/api';

/** The password step: signed in, or a second step to answer (verifySignIn). */
export async function signIn(email: string, password: string): Promise<SignInStartResponse> {
  const answer = await api.post<SignInStartResponse>('/auth/login', { email, password } satisfies LoginBody, {
    allowUnauthorized: true,
  });
  if ('csrfToken' in answer) setCsrfToken(answer.csrfToken);
  return answer;
}

/** The second step: a code (authenticator or recovery) or a passkey's answer. */
export async function verifySignIn(body: LoginVerifyBody): Promise<LoginResponse> {
  const answer = await api.post<LoginResponse>('/auth/login/verify', body, { allowUnauthorized: true });
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
