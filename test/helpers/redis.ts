import { Redis } from 'ioredis';

/**
 * The Redis suites run when a server answers at TEST_REDIS_URL (default: the local
 * one). REQUIRE_REDIS=1 (set by CI) makes "not reachable" a failure instead of a skip.
 */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function probe(): Promise<string | undefined> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client.disconnect();
  }
}

const problem = await probe();
if (problem && process.env.REQUIRE_REDIS === '1') {
  throw new Error(`REQUIRE_REDIS=1 but Redis at ${REDIS_URL} is not reachable: ${problem}`);
}
if (problem) {
  console.warn(
    `\n⚠️  SKIPPING the Redis suite: ${REDIS_URL} is not reachable (${problem}). Set TEST_REDIS_URL or REQUIRE_REDIS=1.\n`,
  );
}
export const redisAvailable = !problem;
