import type { ImportRow, ImportRowProblem } from '../../../contract/bulk-users.ts';
import { Email } from '../../../contract/schema-helpers.ts';
import type { Db } from '../../db/database.ts';
import { listSubscriptions } from '../subscriptions/index.ts';
import { findTakenEmails, normalizeEmail } from '../users/index.ts';
import type { ImportCells } from './parse-user-csv.ts';

/** A checked row, with the subscription whose seat it would get. */
export interface CheckedRow extends ImportRow {
  subscriptionId: string | null;
}

type SubscriptionWithProduct = Awaited<ReturnType<typeof listSubscriptions>>[number];

/** The email grammar the API checks everywhere else (the contract's pattern). */
const EMAIL_PATTERN = new RegExp((Email as unknown as { pattern: string }).pattern);
const NAME_MAX_LENGTH = 200;

/**
 * Checks every row of an import against the file and the organization as they are now: the email's form,
 * a name, the role, the product, the same email twice in the file, an email that has an account already,
 * and free seats (rows take seats in file order; a row with another error takes none). Reads only.
 */
export async function checkImportRows(db: Db, orgId: string, cells: ImportCells[], now: number): Promise<CheckedRow[]> {
  const rows = cells.map(checkCells);
  markDuplicates(rows);
  const emails = rows.filter((row) => row.errors.length === 0).map((row) => normalizeEmail(row.email));
  const taken = await findTakenEmails(db, emails);
  for (const row of rows) {
    if (row.errors.length === 0 && taken.has(normalizeEmail(row.email))) {
      addError(row, 'email', 'email-taken', 'An account with this email already exists.');
    }
  }
  allocateSeats(rows, cells, await listSubscriptions(db, orgId), now);
  return rows;
}

function checkCells(cells: ImportCells): CheckedRow {
  const row: CheckedRow = {
    line: cells.line,
    email: cells.email,
    name: cells.name,
    role: 'member',
    product: null,
    subscriptionId: null,
    errors: [],
  };
  if (cells.email.length > 254 || !EMAIL_PATTERN.test(cells.email)) {
    addError(row, 'email', 'invalid-email', cells.email ? 'Not an email address.' : 'The email is missing.');
  }
  if (!/\S/.test(cells.name)) addError(row, 'name', 'name-required', 'The name is missing.');
  else if ([...cells.name].length > NAME_MAX_LENGTH) {
    addError(row, 'name', 'name-too-long', `Names are at most ${NAME_MAX_LENGTH} characters.`);
  }
  const role = cells.role.toLowerCase();
  if (role === 'owner' || role === 'member') row.role = role;
  else if (role !== '') addError(row, 'role', 'invalid-role', 'The role is owner or member (empty: member).');
  return row;
}

function markDuplicates(rows: CheckedRow[]): void {
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    if (row.errors.some((error) => error.column === 'email')) continue;
    const email = normalizeEmail(row.email);
    const first = firstLine.get(email);
    if (first === undefined) firstLine.set(email, row.line);
    else addError(row, 'email', 'duplicate-in-file', `The same email is on line ${first}.`);
  }
}

/** Which subscription gives each row its seat: of the product's running ones, the latest to end with a seat left. */
function allocateSeats(
  rows: CheckedRow[],
  cells: ImportCells[],
  subscriptions: SubscriptionWithProduct[],
  now: number,
) {
  const free = new Map(
    subscriptions.map((subscription) => [subscription.id, subscription.seats - subscription.assigned]),
  );
  rows.forEach((row, index) => {
    const wanted = cells[index]?.product.toLowerCase() ?? '';
    if (!wanted) return;
    // A floating pool's seats are leased while the app runs, never assigned: only named seats are given here.
    const matching = subscriptions.filter(
      (subscription) =>
        subscription.kind === 'named' &&
        (subscription.product_key.toLowerCase() === wanted || subscription.product_name.toLowerCase() === wanted),
    );
    const first = matching[0];
    if (!first) {
      addError(row, 'product', 'unknown-product', 'No subscription of your organization is for this product.');
      return;
    }
    row.product = { key: first.product_key, name: first.product_name };
    const running = matching.filter((subscription) => subscription.expires_at > now);
    if (running.length === 0) {
      addError(row, 'product', 'subscription-expired', `The subscription to ${first.product_name} has ended.`);
      return;
    }
    if (row.errors.length > 0) return; // a row that will not be added takes no seat
    const chosen = running
      .filter((subscription) => (free.get(subscription.id) ?? 0) > 0)
      .sort((a, b) => b.expires_at - a.expires_at)[0];
    if (!chosen) {
      const seats = running.reduce((sum, subscription) => sum + subscription.seats, 0);
      addError(
        row,
        'product',
        'no-free-seat',
        `No seat of ${first.product_name} is left for this row (${seats} seats in all).`,
      );
      return;
    }
    free.set(chosen.id, (free.get(chosen.id) ?? 0) - 1);
    row.subscriptionId = chosen.id;
  });
}

function addError(
  row: CheckedRow,
  column: CheckedRow['errors'][number]['column'],
  code: ImportRowProblem,
  message: string,
) {
  row.errors.push({ column, code, message });
}
