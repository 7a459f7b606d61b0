import { loadConfig } from '../config.ts';
import { startServer } from '../start.ts';

export async function runStart(): Promise<void> {
  const config = loadConfig();
  const { url, deps } = await startServer(config);
  const database = config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL (DATABASE_URL)';
  process.stdout.write(
    [
      '',
      `Seatkeeper is running at ${url}`,
      `  database: ${database}`,
      `  GeoIP:    ${deps.geo.source}`,
      `  API docs: ${url}/api/docs`,
      '',
    ].join('\n'),
  );
}
