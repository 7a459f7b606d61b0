import type { Role } from '../auth/auth.types';

export type { Role };
export type UserStatus = 'active' | 'deactivated';
export type UserStatusFilter = UserStatus | 'invited';
export type UserSort = 'lastLoginAt' | 'name' | 'email' | 'createdAt';
export type SortOrder = 'asc' | 'desc';

export type DeactivationReason =
  | 'no_longer_requires_access'
  | 'left_organization'
  | 'security_compliance'
  | 'license_reassignment'
  | 'policy_violation'
  | 'other';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  invitationPending: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  /** Last heartbeat or app use of any product. */
  lastAppUseAt: string | null;
  deactivatedAt: string | null;
  deactivationReason: DeactivationReason | null;
  deactivationNote: string | null;
}

export interface Invitation {
  token: string;
  url: string;
  expiresAt: string;
}

export interface UserListFilters {
  query: string;
  role: Role | null;
  status: UserStatusFilter | null;
  /** A product key: only users holding an active seat of it. */
  product: string | null;
  sort: UserSort;
  order: SortOrder;
}
