import { defineConfig } from 'vitest/config';

/**
 * `npm run test:crash`: the crash and restart batteries (docs/resilience.md). Kept out of `vitest run`
 * (vitest.config.ts excludes test/crash): they kill servers, stop and start a PostgreSQL server of their
 * own and a Redis of their own, and want the machine's two cores to themselves. Two files at a time:
 * a server's start is one busy core, and the SQLite and PostgreSQL kill batteries mostly start servers.
 */
export default defineConfig({
  test: {
    include: ['test/crash/**/*.crash.test.ts'],
    globalSetup: ['test/crash/global-setup.ts'],
    maxWorkers: 2,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
