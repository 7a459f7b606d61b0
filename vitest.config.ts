import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The crash batteries kill servers and stop databases: `npm run test:crash`, alone (vitest.crash.config.ts).
    exclude: [...configDefaults.exclude, 'test/crash/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: keep parallel files to two so database suites don't starve each other.
    maxWorkers: 2,
  },
});
