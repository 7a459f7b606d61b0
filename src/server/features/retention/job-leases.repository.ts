import type { Db } from '../../db/database.ts';

/**
 * Takes the lease of job `name` for `holder` until `expiresAt` (ms), in one conditional statement
 * on SQLite and PostgreSQL alike: insert the row, or take it over where it has expired or is
 * already this holder's. Two processes racing meet at the primary key; the second re-reads the
 * first's row and finds it neither expired nor its own. Answers whether `holder` now holds it.
 */
export async function acquireJobLease(
  db: Db,
  lease: { name: string; holder: string; now: number; expiresAt: number },
): Promise<boolean> {
  const row = await db
    .insertInto('job_leases')
    .values({ name: lease.name, holder: lease.holder, expires_at: lease.expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder: lease.holder, expires_at: lease.expiresAt })
        .where((eb) =>
          eb.or([eb('job_leases.expires_at', '<=', lease.now), eb('job_leases.holder', '=', lease.holder)]),
        ),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === lease.holder;
}

/** Moves the lease's end while `holder` still holds it; false: it expired and another took it. */
export async function renewJobLease(
  db: Db,
  lease: { name: string; holder: string; expiresAt: number },
): Promise<boolean> {
  const result = await db
    .updateTable('job_leases')
    .set({ expires_at: lease.expiresAt })
    .where('name', '=', lease.name)
    .where('holder', '=', lease.holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends the lease (expired at once) and records what the run did, if `holder` still holds it. */
export async function releaseJobLease(
  db: Db,
  lease: { name: string; holder: string; finishedAt: number; result: string },
): Promise<void> {
  await db
    .updateTable('job_leases')
    .set({ expires_at: 0, last_finished_at: lease.finishedAt, last_result: lease.result })
    .where('name', '=', lease.name)
    .where('holder', '=', lease.holder)
    .execute();
}

/** The lease row: who holds it until when, and the last run's end and result (JSON). */
export async function findJobLease(db: Db, name: string) {
  const row = await db.selectFrom('job_leases').selectAll().where('name', '=', name).executeTakeFirst();
  return (
    row && {
      holder: row.holder,
      expiresAt: Number(row.expires_at),
      lastFinishedAt: row.last_finished_at === null ? null : Number(row.last_finished_at),
      lastResult: row.last_result,
    }
  );
}
