import type { PasswordResetPreview, PasswordResetRequested } from '../../../contract/password-reset';
import { api } from '../../lib/api';

/** "Forgot password?": the same answer whether or not an account has the address. */
export function requestPasswordReset(email: string): Promise<PasswordResetRequested> {
  return api.post<PasswordResetRequested>('/auth/password-reset', { email }, { allowUnauthorized: true });
}

/** Whose account a reset link is for (masked) and until when; reading changes nothing. */
export function fetchPasswordReset(token: string, signal?: AbortSignal): Promise<PasswordResetPreview> {
  return api.get<PasswordResetPreview>(`/auth/password-reset/${encodeURIComponent(token)}`, {
    signal,
    allowUnauthorized: true,
  });
}

/** Sets the new password (works once); every session of the account ends, nobody is signed in. */
export function resetPassword(token: string, password: string): Promise<void> {
  return api.post<void>(`/auth/password-reset/${encodeURIComponent(token)}`, { password }, { allowUnauthorized: true });
}
