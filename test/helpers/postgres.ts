import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL suites run when a server answers at TEST_DATABASE_URL (default: the
 * local one). REQUIRE_POSTGRES=1 (set by CI) turns "not reachable" into a failure, so
 * those suites can never skip silently there.
 */
export const POSTGRES_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REQUIRED = process.env.REQUIRE_POSTGRES === '1';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const problem = await probe();
if (problem && REQUIRED) {
  throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL at ${POSTGRES_ADMIN_URL} is not reachable: ${problem}`);
}
if (problem) {
  console.warn(
    `\n⚠️  SKIPPING the PostgreSQL suites: ${POSTGRES_ADMIN_URL} is not reachable (${problem}).\n` +
      '    Set TEST_DATABASE_URL, or REQUIRE_POSTGRES=1 to make this a failure.\n',
  );
}
export const postgresAvailable = !problem;

/** A fresh, empty database for one test file; drop it with the returned function. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `seatkeeper_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
