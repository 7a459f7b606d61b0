import { parseArgs } from 'node:util';
import { rebuildReportAggregates } from '../features/reports/aggregates/rebuild-report-aggregates.ts';
import { startProgress } from '../lib/progress.ts';
import { report, withDatabase } from './with-database.ts';

/** `rebuild-reports [--org ID]`: the catch-up job, for every organization or one. */
export async function runRebuildReports(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  await withDatabase(async (db) => {
    let query = db.selectFrom('organizations').select(['id', 'name']).orderBy('name');
    if (values.org) query = query.where('id', '=', values.org);
    const organizations = await query.execute();
    if (values.org && organizations.length === 0) throw new Error(`No organization with id ${values.org}`);
    for (const organization of organizations) {
      const started = performance.now();
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const result = await rebuildReportAggregates(db, organization.id, (total) =>
        startProgress(`${organization.name}: users`, total, log),
      );
      const seconds = (performance.now() - started) / 1000;
      report(
        values.json,
        { orgId: organization.id, ...result, seconds: Number(seconds.toFixed(1)) },
        `Rebuilt the reports of "${organization.name}": ${result.users} users, ${result.attempts} sign-in attempts in ${seconds.toFixed(1)} s.`,
      );
    }
  });
}
