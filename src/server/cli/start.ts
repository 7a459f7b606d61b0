import { loadConfig } from '../config.ts';
import { DEMO_OWNER } from '../features/demo/index.ts';
import { findUserByEmail } from '../features/users/index.ts';
import { startServer } from '../start.ts';

export async function runStart(): Promise<void> {
  const config = loadConfig();
  const { url, deps } = await startServer(config);
  const database = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL (DATABASE_URL)';
  const demoOwner = config.demo ? await findUserByEmail(deps.database.db, DEMO_OWNER.email) : undefined;
  process.stdout.write(
    [
      '',
      `Seatkeeper is running at ${url}`,
      `  database: ${database}`,
      `  GeoIP:    ${deps.geo.source}`,
      `  API docs: ${url}/api/docs`,
      ...(demoOwner ? [`  demo:     sign in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`] : []),
      '',
    ].join('\n'),
  );
}
