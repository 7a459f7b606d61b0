import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { SERVER_BUNDLE } from './server-process.ts';

/**
 * Bundles the server once (test/helpers/serve-for-test.ts and the sources it imports; packages
 * stay imports of node_modules) with esbuild, the transpiler tsx itself uses. The batteries start
 * the server dozens of times: from one file a start skips tsx's per-module loader, a third of its
 * time on a busy machine. The code is the same code `npm start` runs.
 */
export default async function setup(): Promise<() => void> {
  const folder = path.dirname(SERVER_BUNDLE);
  fs.mkdirSync(folder, { recursive: true });
  // Never committed, whatever the root .gitignore says.
  fs.writeFileSync(path.join(folder, '.gitignore'), '*\n');
  await build({
    entryPoints: [path.resolve(import.meta.dirname, '../helpers/serve-for-test.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
