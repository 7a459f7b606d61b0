import { ensureWebBuild } from '../src/server/web-build.ts';

/**
 * Builds the console once before any suite runs: the browser suites run in parallel
 * workers, and two Vite builds emptying dist/web at once would pull files from under
 * each other.
 */
export default async function setup(): Promise<void> {
  await ensureWebBuild((line) => process.stdout.write(`${line}\n`));
}
