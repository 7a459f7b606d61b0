import type { ChangePasswordBody } from '../../../contract/auth';
import { api } from '../../lib/api';

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return api.post<void>('/me/password', { currentPassword, newPassword } satisfies ChangePasswordBody);
}
