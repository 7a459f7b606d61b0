import type { ChangePasswordBody, ChangePasswordResponse } from '../../../contract/auth';
import { api } from '../../lib/api';

export function changePassword(
  currentPassword: string,
  newPassword: string,
  endOtherSessions = true,
): Promise<ChangePasswordResponse> {
  return api.post<ChangePasswordResponse>('/me/password', {
    currentPassword,
    newPassword,
    endOtherSessions,
  } satisfies ChangePasswordBody);
}
