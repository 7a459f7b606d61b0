import type { Role } from '../../../contract/auth';
import type { UserListQuery } from '../../../contract/users';

export type UserStatusFilter = NonNullable<UserListQuery['status']>;
export type UserSort = UserListQuery['sort'];
export type SortOrder = UserListQuery['order'];

/** What the Users page's filter bar holds (the list's query, without paging). */
export interface UserListFilters {
  query: string;
  role: Role | null;
  status: UserStatusFilter | null;
  /** A product key: only users holding an active seat of it. */
  product: string | null;
  sort: UserSort;
  order: SortOrder;
}
