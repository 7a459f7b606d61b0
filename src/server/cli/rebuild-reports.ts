import { parseArgs } from 'node:util';
import { findSignInsPurgedBefore } from '../features/organizations/index.ts';
import {
  rebuildReportAggregates,
  requestReportRebuild,
  runReportRebuild,
} from '../features/report-aggregates/index.ts';
import { startProgress } from '../lib/progress.ts';
import { report, withDatabase } from './with-database.ts';

/**
 * `rebuild-reports [--org ID] [--at-once]`: the catch-up job, for every organization or one.
 * Batched by default (a user at a time: the organization's own rows are corrected by each
 * user's old and new share); `--at-once` wipes and refills the organization's tables in one
 * transaction (every other writer waits: for aggregates that no longer add up, server stopped).
 * An organization whose old sign-ins retention deleted is skipped (exit code 3) unless
 * `--drop-purged-history`: the rebuild counts only the sign-ins still stored.
 */
export async function runRebuildReports(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      json: { type: 'boolean', default: false },
      'at-once': { type: 'boolean', default: false },
      'drop-purged-history': { type: 'boolean', default: false },
    },
  });
  await withDatabase(async (db) => {
    let query = db.selectFrom('organizations').select(['id', 'name']).orderBy('name');
    if (values.org) query = query.where('id', '=', values.org);
    const organizations = await query.execute();
    if (values.org && organizations.length === 0) throw new Error(`No organization with id ${values.org}`);
    for (const organization of organizations) {
      const started = performance.now();
      const log = (line: string) => process.stderr.write(`${line}\n`);
      // After retention deleted old sign-ins, the aggregates are their only record: a rebuild from
      // the raw attempts would drop them from the reports. Only on explicit request.
      const purgedBefore = await findSignInsPurgedBefore(db, organization.id);
      if (purgedBefore > 0 && !values['drop-purged-history']) {
        log(
          `Skipped "${organization.name}": retention deleted its sign-ins before ${new Date(purgedBefore).toISOString()}, ` +
            'and a rebuild would drop them from its reports. Add --drop-purged-history to rebuild anyway.',
        );
        process.exitCode = 3;
        continue;
      }
      // The same batched rebuild as a changed time zone, in the foreground: short transactions,
      // so a server running beside it keeps answering; its state shows on the Settings page, and
      // a server that finds it abandoned (this command interrupted) resumes it after a minute.
      const progress = (total: number) => startProgress(`${organization.name}: users`, total, log);
      const result = values['at-once']
        ? await db.transaction().execute(async (trx) => {
            await requestReportRebuild(trx, organization.id, Date.now());
            const counted = await rebuildReportAggregates(trx, organization.id, progress);
            await trx
              .updateTable('report_rebuilds')
              .set({ status: 'done', users_done: counted.users, finished_at: Date.now(), updated_at: Date.now() })
              .where('org_id', '=', organization.id)
              .execute();
            return counted;
          })
        : await (async () => {
            await db.transaction().execute((trx) => requestReportRebuild(trx, organization.id, Date.now()));
            return runReportRebuild(db, organization.id, { progress });
          })();
      const seconds = (performance.now() - started) / 1000;
      report(
        values.json,
        { orgId: organization.id, ...result, seconds: Number(seconds.toFixed(1)) },
        `Rebuilt the reports of "${organization.name}": ${result.users} users, ${result.attempts} sign-in attempts in ${seconds.toFixed(1)} s.`,
      );
    }
  });
}
