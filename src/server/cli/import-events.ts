import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createDeps } from '../create-deps.ts';
import { EXPORT_FORMATS, type ExportFormat, importEventFile } from '../features/event-ingest/index.ts';
import { startProgress } from '../lib/progress.ts';
import { report } from './with-database.ts';

/**
 * `import-events FILE [--org ID] [--format auto|seatkeeper|entra|google] [--json]`: sign-in events from
 * another identity provider's export, stored as POST /api/v1/events stores them (docs/event-ingest.md).
 * Progress (bytes of the file) on stderr; the counts on stdout. Without --org, the only organization.
 */
export async function runImportEvents(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      format: { type: 'string', default: 'auto' },
      json: { type: 'boolean', default: false },
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new Error('Name one file: import-events FILE [--org ID] [--format …] [--json]');
  const format = values.format ?? 'auto';
  if (format !== 'auto' && !EXPORT_FORMATS.includes(format as ExportFormat)) {
    throw new Error(`--format must be auto, ${EXPORT_FORMATS.join(', ')}`);
  }
  const size = (await stat(file)).size;
  const deps = await createDeps(loadConfig());
  try {
    const orgId = values.org ?? (await onlyOrganization(deps.database.db));
    const found = await deps.database.db
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (!found) throw new Error(`No organization with id ${orgId}`);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const progress = startProgress(`Importing into "${found.name}" (bytes)`, size, log);
    let reported = 0;
    const summary = await importEventFile(deps, orgId, file, {
      format: format as ExportFormat | 'auto',
      onProgress: (bytesRead) => {
        progress.increment(bytesRead - reported);
        reported = bytesRead;
      },
    });
    progress.stop();
    if (!values.json) {
      for (const problem of summary.problems) log(`record ${problem.record}: ${problem.code}: ${problem.detail}`);
      if (summary.rejected > summary.problems.length)
        log(`… and ${summary.rejected - summary.problems.length} more rejected`);
    }
    report(
      values.json,
      { orgId, file, ...summary },
      `Imported ${file} (${summary.format}) into "${found.name}": ${summary.accepted} accepted, ` +
        `${summary.duplicates} duplicates, ${summary.rejected} rejected, ${summary.skipped} skipped (not sign-ins).`,
    );
  } finally {
    await deps.close();
  }
}

async function onlyOrganization(db: Awaited<ReturnType<typeof createDeps>>['database']['db']): Promise<string> {
  const organizations = await db.selectFrom('organizations').select(['id', 'name']).limit(2).execute();
  const [only, second] = organizations;
  if (!only) throw new Error('There is no organization yet (create-org makes one).');
  if (second) throw new Error('There is more than one organization: name one with --org ID.');
  return only.id;
}
