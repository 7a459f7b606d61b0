import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { bundleBudget } from './scripts/bundle-budget.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

// Tests use vitest.config.ts at the root; this file is only the console's build (also run from inside
// the end-to-end test through `ensureWebBuild`).
export default defineConfig({
  root: `${repoRoot}src/web`,
  base: '/',
  plugins: [
    react(),
    // Prints the first load's weight against its budget. `npm run build:web` fails over budget; the build on a
    // server's first start and in the tests' setup only warns, so a fresh clone always starts (and `npm test` fails
    // in test/build/bundle-budget.test.ts instead).
    bundleBudget({ failOverBudget: process.env.npm_lifecycle_event === 'build:web' }),
  ],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the console: separate chunks stay cached across releases. Only libraries
        // the first page uses whole get a group: a group takes every module its test matches, so a Mantine group put
        // the components of every page (Modal, Select, NumberInput, the date picker's parts) into the first load.
        // Mantine is split by use instead: the shell's components load first, each page's with the page.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      // `npm run dev:web` against a server on another port: SEATKEEPER_API=http://localhost:3100 npm run dev:web
      '/api': { target: process.env.SEATKEEPER_API ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
});
