import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { findUsersByIds } from '../users/index.ts';

/**
 * The organization's users a bulk request names, in the order named; any id it does not have (unknown, or
 * another organization's: the two look alike) refuses the whole request with 400 unknown-users.
 */
export async function requireUsers(db: Db, orgId: string, userIds: readonly string[]): Promise<UserRow[]> {
  const found = new Map((await findUsersByIds(db, orgId, userIds)).map((user) => [user.id, user]));
  const missing = userIds.flatMap((id, index) => (found.has(id) ? [] : [{ id, index }]));
  if (missing.length > 0) {
    throw new AppError(
      400,
      'unknown-users',
      'Not users of this organization',
      `Nothing was changed: ${missing.length} of the ids ${missing.length === 1 ? 'is' : 'are'} not a user of your ` +
        `organization (${missing
          .slice(0, 5)
          .map((item) => item.id)
          .join(', ')}${missing.length > 5 ? ', …' : ''}).`,
      {
        errors: missing
          .slice(0, 20)
          .map((item) => ({ path: `body/userIds/${item.index}`, message: 'is not a user of this organization' })),
      },
    );
  }
  return userIds.map((id) => found.get(id)!);
}

/** "Dana Scully", "Dana Scully and Fox Mulder", "Dana Scully, Fox Mulder and 3 others". */
export function nameList(users: readonly Pick<UserRow, 'name'>[]): string {
  const names = users.slice(0, 3).map((user) => user.name);
  const rest = users.length - names.length;
  if (rest > 0) return `${names.join(', ')} and ${rest} ${rest === 1 ? 'other' : 'others'}`;
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
