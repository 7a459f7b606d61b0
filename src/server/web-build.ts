import fs from 'node:fs';
import path from 'node:path';
import { WEB_DIST_DIR } from './http/web-console.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WEB_SOURCES = [path.join(ROOT, 'src/web'), path.join(ROOT, 'vite.config.ts')];

/** Builds the console with Vite when dist/web is missing or older than any source file. */
export async function ensureWebBuild(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
  const builtAt = mtimeOf(path.join(WEB_DIST_DIR, 'index.html'));
  const changedAt = Math.max(...WEB_SOURCES.map(newestMtime));
  if (builtAt !== undefined && builtAt >= changedAt) return;
  log(builtAt === undefined ? 'Building the web console (first start)…' : 'Web console sources changed; rebuilding…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  log('Web console built.');
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
