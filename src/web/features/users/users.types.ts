import type { Role } from '../../../contract/auth';
import type { UserListQuery } from '../../../contract/users';

export type UserStatusFilter = NonNullable<UserListQuery['status']>;
export type UserSort = UserListQuery['sort'];
export type SortOrder = UserListQuery['order'];

/**
 * "Not active since": a preset number of days back from today (`30d`), or a calendar day (`2026-10-01`),
 * both meaning the start of that day in the viewer's zone. A preset stays relative in a bookmark.
 */
export type LastActiveFilter = `${number}d` | `${number}-${number}-${number}`;

/** What the Users page's filter bar holds (the list's query, without paging). */
export interface UserListFilters {
  query: string;
  role: Role | null;
  status: UserStatusFilter | null;
  /** A product key: only users holding an active seat of it. */
  product: string | null;
  lastActive: LastActiveFilter | null;
  sort: UserSort;
  order: SortOrder;
}
