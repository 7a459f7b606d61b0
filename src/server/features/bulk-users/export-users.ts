import type { HeldSeat } from '../../../contract/users.ts';
import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import type { CsvColumn } from '../../lib/csv.ts';
import { toIso } from '../../lib/time.ts';
import { findSeatsHeldBy } from '../users/index.ts';
import { requireUsers } from './require-users.ts';

interface ExportedUser {
  user: UserRow;
  seats: HeldSeat[];
}

const STATUS_LABELS = { active: 'Active', deactivated: 'Deactivated' } as const;

/** The export's columns: what the users list shows, times in UTC (ISO 8601). Text cells are formula-safe (lib/csv.ts). */
export const USER_EXPORT_COLUMNS: CsvColumn<ExportedUser>[] = [
  { header: 'Name', value: ({ user }) => user.name },
  { header: 'Email', value: ({ user }) => user.email },
  { header: 'Role', value: ({ user }) => (user.role === 'owner' ? 'Owner' : 'Member') },
  {
    header: 'Status',
    value: ({ user }) =>
      user.status === 'active' && user.password_hash === null ? 'Invitation pending' : STATUS_LABELS[user.status],
  },
  {
    header: 'Licenses',
    value: ({ seats }) =>
      seats.map((seat) => (seat.expired ? `${seat.product.name} (ended)` : seat.product.name)).join('; '),
  },
  { header: 'Last sign-in (UTC)', value: ({ user }) => toIso(user.last_login_at) },
  { header: 'Last app use (UTC)', value: ({ user }) => toIso(user.last_app_use_at) },
  { header: 'Created (UTC)', value: ({ user }) => toIso(user.created_at) },
  { header: 'Deactivated (UTC)', value: ({ user }) => toIso(user.deactivated_at) },
  { header: 'Deactivation reason', value: ({ user }) => user.deactivation_reason },
  { header: 'Deactivation note', value: ({ user }) => user.deactivation_note },
];

/** The named users with the seats they hold, by name (400 unknown-users for an id the organization does not have). */
export async function findUsersForExport(
  db: Db,
  orgId: string,
  userIds: readonly string[],
  now: number,
): Promise<ExportedUser[]> {
  const users = await requireUsers(db, orgId, userIds);
  const seats = await findSeatsHeldBy(db, orgId, userIds, now);
  return users
    .map((user) => ({ user, seats: seats.get(user.id) ?? [] }))
    .sort(
      (a, b) =>
        a.user.name.localeCompare(b.user.name) || a.user.email_normalized.localeCompare(b.user.email_normalized),
    );
}
