import type { Db } from '../../db/database.ts';
import type { EmailOutboxRow } from '../../db/schema.ts';

export async function insertEmails(db: Db, rows: EmailOutboxRow[]): Promise<void> {
  // 500 rows of 14 values stay far below SQLite's bound-parameter limit.
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('email_outbox')
      .values(rows.slice(start, start + 500))
      .execute();
  }
}

/** Unsent mails due now with attempts left, across organizations, oldest first; held rows skipped. */
export async function findDueEmails(
  db: Db,
  now: number,
  maxAttempts: number,
  limit: number,
): Promise<EmailOutboxRow[]> {
  return db
    .selectFrom('email_outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('send_after', '<=', now)
    .where('attempts', '<', maxAttempts)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .orderBy('send_after')
    .limit(limit)
    .execute();
}

/** Takes a mail until `until` (ms); false when another process took it first (or took it, failed and put it off). */
export async function claimEmail(db: Db, id: string, now: number, until: number): Promise<boolean> {
  const result = await db
    .updateTable('email_outbox')
    .set({ claimed_until: until })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .where('send_after', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordEmailOutcome(
  db: Db,
  id: string,
  outcome: Pick<EmailOutboxRow, 'sent_at' | 'attempts' | 'last_error' | 'send_after'>,
): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ ...outcome, claimed_until: null })
    .where('id', '=', id)
    .execute();
}
