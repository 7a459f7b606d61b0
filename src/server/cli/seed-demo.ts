import { loadConfig } from '../config.ts';
import { createDeps } from '../create-deps.ts';
import { seedDemo } from '../features/demo/index.ts';

export async function runSeedDemo(): Promise<void> {
  const deps = await createDeps(loadConfig());
  try {
    await seedDemo(deps, { log: (line) => process.stdout.write(`${line}\n`) });
  } finally {
    await deps.close();
  }
}
