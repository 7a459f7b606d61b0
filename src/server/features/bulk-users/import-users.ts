import type { ImportUsersResult } from '../../../contract/bulk-users.ts';
import type { AppDeps } from '../../app-deps.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError } from '../../lib/app-error.ts';
import { type AuditActor, actorUserId, recordAudit } from '../audit-log/index.ts';
import { insertAssignment } from '../licenses/index.ts';
import { lockOrganization } from '../organizations/index.ts';
import { reserveSeat } from '../subscriptions/index.ts';
import {
  describeInvitation,
  emailTaken,
  insertInvitationsForNewUsers,
  insertUsers,
  newUserRow,
  toUser,
} from '../users/index.ts';
import { type CheckedRow, checkImportRows } from './check-import-rows.ts';
import { parseUserCsv } from './parse-user-csv.ts';

/** Problem entries listed for a refused import; the rest are in the preview. */
const MAX_LISTED_ERRORS = 100;

/**
 * Bulk add from a CSV file. A dry run checks every row and changes nothing (the preview). Otherwise the
 * rows are checked again under the organization's lock and every user is added with their invitation
 * and seat in one transaction, or none is: any row with an error refuses the whole file (409), and so
 * does a seat taken or an email added by someone else in the meantime.
 */
export async function importUsers(
  deps: AppDeps,
  orgId: string,
  actor: AuditActor,
  input: { csv: string; dryRun: boolean },
): Promise<ImportUsersResult> {
  const cells = parseUserCsv(input.csv);
  const db = deps.database.db;
  const actorId = actorUserId(actor);
  if (input.dryRun) return summary(await checkImportRows(db, orgId, cells, deps.now()), true, []);
  try {
    return await db.transaction().execute(async (trx) => {
      await lockOrganization(trx, orgId);
      const now = deps.now();
      const rows = await checkImportRows(trx, orgId, cells, now);
      if (rows.some((row) => row.errors.length > 0)) throw rowsInvalid(rows);
      const users = rows.map((row) =>
        newUserRow({ orgId, email: row.email, name: row.name, role: row.role, passwordHash: null, now }),
      );
      await insertUsers(trx, users);
      const invitations = await insertInvitationsForNewUsers(trx, {
        orgId,
        userIds: users.map((user) => user.id),
        createdBy: actorId,
        now,
      });
      const created: ImportUsersResult['created'] = [];
      for (const [index, row] of rows.entries()) {
        const user = users[index]!;
        const invitation = describeInvitation(deps.config.publicUrl, invitations.get(user.id)!);
        if (row.subscriptionId && row.product) {
          if (!(await reserveSeat(trx, orgId, row.subscriptionId, now))) throw seatsTakenMeanwhile(row);
          await insertAssignment(trx, {
            orgId,
            subscriptionId: row.subscriptionId,
            userId: user.id,
            assignedBy: actorId,
            now,
          });
          const seat = { subscriptionId: row.subscriptionId, product: row.product, expired: false };
          created.push({ line: row.line, user: toUser(user), invitation, seat });
        } else {
          created.push({ line: row.line, user: toUser(user), invitation });
        }
      }
      // One row for the file (docs/audit-log.md): who was added, and with which seat.
      await recordAudit(
        trx,
        actor,
        {
          orgId,
          action: 'user.imported',
          target: { type: 'import', id: null, label: `${created.length} users` },
          after: {
            users: created.map((entry) => ({
              id: entry.user.id,
              email: entry.user.email,
              role: entry.user.role,
              ...(entry.seat ? { subscriptionId: entry.seat.subscriptionId } : {}),
            })),
          },
        },
        now,
      );
      return summary(rows, false, created);
    });
  } catch (error) {
    // Someone added one of these emails between the check and the insert: nothing of the file was added.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

function summary(rows: CheckedRow[], dryRun: boolean, created: ImportUsersResult['created']): ImportUsersResult {
  const invalid = rows.filter((row) => row.errors.length > 0).length;
  return {
    dryRun,
    rows: rows.map(({ subscriptionId: _subscriptionId, ...row }) => row),
    valid: rows.length - invalid,
    invalid,
    created,
  };
}

function rowsInvalid(rows: CheckedRow[]): AppError {
  const wrong = rows.filter((row) => row.errors.length > 0);
  const errors = wrong.flatMap((row) =>
    row.errors.map((error) => ({ path: `body/csv/line/${row.line}`, message: `${error.column}: ${error.message}` })),
  );
  return new AppError(
    409,
    'import-rows-invalid',
    'Some rows cannot be added',
    `Nothing was added: ${wrong.length} of ${rows.length} rows have an error (first on line ${wrong[0]?.line}). ` +
      'Correct the file and import it again.',
    { errors: errors.slice(0, MAX_LISTED_ERRORS) },
  );
}

function seatsTakenMeanwhile(row: CheckedRow): AppError {
  return new AppError(
    409,
    'no-free-seat',
    'No free seat',
    `Nothing was added: the last seats of ${row.product?.name ?? 'a product'} were taken meanwhile (line ${row.line}).`,
  );
}
