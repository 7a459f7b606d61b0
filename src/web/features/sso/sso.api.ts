import type { PutSsoBody, SsoErrorCode, SsoSettings, SsoStartResponse } from '../../../contract/sso';
import type { User } from '../../../contract/users';
import { api, apiRequest } from '../../lib/api';

export const ssoKeys = {
  settings: ['sso-settings'] as const,
  breakGlassCandidates: ['users', 'owners-with-password'] as const,
};

export function fetchSsoSettings(signal?: AbortSignal): Promise<SsoSettings> {
  return api.get('/organization/sso', { signal });
}

export function saveSsoSettings(body: PutSsoBody): Promise<SsoSettings> {
  return apiRequest('PUT', '/organization/sso', { body });
}

export function deleteSsoSettings(): Promise<void> {
  return api.delete('/organization/sso');
}

/** Owners who may be the break-glass owner: active, with a password (no pending invitation). */
export async function fetchBreakGlassCandidates(signal?: AbortSignal): Promise<User[]> {
  const page = await api.get<{ items: User[] }>('/users?role=owner&status=active&limit=200&sort=name&order=asc', {
    signal,
  });
  return page.items.filter((user) => !user.invitationPending);
}

export function startSsoSignIn(email: string, returnTo?: string): Promise<SsoStartResponse> {
  return api.post('/auth/sso/start', { email, ...(returnTo ? { returnTo } : {}) }, { allowUnauthorized: true });
}

/** What the sign-in page says for `?sso_error=` (the callback's refusals). */
export const SSO_ERROR_MESSAGES: Record<SsoErrorCode, string> = {
  expired: 'The single sign-on took too long or was already used. Start it again.',
  'provider-error': 'Your identity provider did not sign you in. Try again, or ask an owner of your organization.',
  'email-unverified': 'Your identity provider did not confirm a verified e-mail address for you.',
  'domain-mismatch': 'Your identity provider signed you in with an address that is not one of your organization’s.',
  'unknown-account': 'There is no Seatkeeper account for this address in your organization. Ask an owner to add you.',
  deactivated: 'Your account is deactivated. Ask an owner of your organization.',
  'not-configured': 'Single sign-on is no longer set up for your organization. Sign in with your password.',
  'browser-mismatch':
    'This sign-in was not started in this browser (or its cookies are blocked). Start single sign-on again here.',
};
