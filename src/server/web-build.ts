import fs from 'node:fs';
import path from 'node:path';
import { WEB_DIST_DIR } from './http/web-console.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// This file too: how the console is built changes what is built.
const WEB_SOURCES = [path.join(ROOT, 'src/web'), path.join(ROOT, 'vite.config.ts'), import.meta.filename];

/** Builds the console with Vite when dist/web is missing or older than any source file. */
export async function ensureWebBuild(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
  const builtAt = mtimeOf(path.join(WEB_DIST_DIR, 'index.html'));
  const changedAt = Math.max(...WEB_SOURCES.map(newestMtime));
  if (builtAt !== undefined && builtAt >= changedAt) return;
  log(builtAt === undefined ? 'Building the web console (first start)…' : 'Web console sources changed; rebuilding…');
  const { build } = await import('vite');
  // Over its JavaScript budget the build only warns here (vite.config.ts): the server must start all the same.
  await withProductionNodeEnv(() => build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' }));
  log('Web console built.');
}

/**
 * Vite builds for the NODE_ENV it finds: under Vitest ("test") it would ship React's development build, twice the
 * size and slower, to the end-to-end tests and to a server started from a test. The console is always built for
 * production; the process's own NODE_ENV is given back afterwards.
 */
async function withProductionNodeEnv<T>(run: () => Promise<T>): Promise<T> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await run();
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

function mtimeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry, { withFileTypes: true })
    .reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child.name))), stat.mtimeMs);
}
