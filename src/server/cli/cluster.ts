import { parseArgs } from 'node:util';
import { parseWorkers, runCluster } from '../cluster.ts';
import { loadConfig } from '../config.ts';

/**
 * `cluster [--workers N] [--no-web-build]` (what `npm run cluster` runs): N server processes on one
 * port. --workers overrides WORKERS; --no-web-build serves dist/web as it is (built elsewhere).
 * Every process reads the same environment; a worker re-enters here and starts the server.
 */
export async function runClusterCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { workers: { type: 'string' }, 'no-web-build': { type: 'boolean', default: false } },
  });
  const config = loadConfig();
  await runCluster(config, {
    workers: parseWorkers(values.workers ?? process.env.WORKERS),
    buildWeb: !values['no-web-build'],
    log: (line) => process.stdout.write(`${line}\n`),
  });
}
