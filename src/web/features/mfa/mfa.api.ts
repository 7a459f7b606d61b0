import type {
  AddPasskeyBody,
  ConfirmTotpBody,
  MfaStatus,
  Passkey,
  RecoveryCodes,
  RenamePasskeyBody,
  TotpEnrolment,
} from '../../../contract/mfa';
import { api } from '../../lib/api';

export const mfaQueryKey = ['me', 'mfa'] as const;

export const getMfaStatus = (signal?: AbortSignal) => api.get<MfaStatus>('/me/mfa', { signal });
export const startTotpEnrolment = () => api.post<TotpEnrolment>('/me/mfa/totp', undefined);
export const confirmTotp = (code: string) =>
  api.post<RecoveryCodes>('/me/mfa/totp/confirm', { code } satisfies ConfirmTotpBody);
export const removeTotp = () => api.delete<void>('/me/mfa/totp');
export const renewRecoveryCodes = () => api.post<RecoveryCodes>('/me/mfa/recovery-codes', undefined);
export const startPasskeyRegistration = () => api.post<Record<string, unknown>>('/me/passkeys/registration', undefined);
export const addPasskey = (body: AddPasskeyBody) => api.post<Passkey>('/me/passkeys', body);
export const renamePasskey = (id: string, name: string) =>
  api.patch<void>(`/me/passkeys/${encodeURIComponent(id)}`, { name } satisfies RenamePasskeyBody);
export const removePasskey = (id: string) => api.delete<void>(`/me/passkeys/${encodeURIComponent(id)}`);
/** Owners: removes a user's authenticator app, passkeys and recovery codes. */
export const resetUserMfa = (userId: string) => api.delete<void>(`/users/${encodeURIComponent(userId)}/mfa`);
