import type { User } from '../../../contract/users';
import { api, apiUrl } from '../../lib/api';

export interface ErasedUser {
  user: User;
  erasedAt: string;
}

/** The export is a plain link: the browser downloads the file itself, with the session cookie. */
export const userExportUrl = (id: string) => apiUrl(`/users/${encodeURIComponent(id)}/export`);

export function eraseUser(id: string): Promise<ErasedUser> {
  return api.post(`/users/${encodeURIComponent(id)}/erase`);
}

/** An erased user keeps a placeholder address in this domain (server: privacy/scrub.ts). */
export const isErased = (user: Pick<User, 'email'>) => user.email.endsWith('@erased.invalid');
