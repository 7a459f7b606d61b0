import type { UserListItem } from '../../../contract/users.ts';
import type { Db } from '../../db/database.ts';
import { findSeatsHeldBy } from './user-seats.repository.ts';
import { findUserPage, type UserListQuery, type UserPageKey } from './users.repository.ts';

/** One page of the users list, each user with the seats they hold: two queries a page, whatever its size. */
export async function listUsers(
  db: Db,
  orgId: string,
  options: UserListQuery,
): Promise<{ items: UserListItem[]; next: UserPageKey | null }> {
  const page = await findUserPage(db, orgId, options);
  const seats = await findSeatsHeldBy(
    db,
    orgId,
    page.items.map((user) => user.id),
    options.now,
  );
  return { items: page.items.map((user) => ({ ...user, licenses: seats.get(user.id) ?? [] })), next: page.next };
}
