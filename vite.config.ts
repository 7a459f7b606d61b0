import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

// Tests use vitest.config.ts at the root; this file is only the console's build (also run from inside
// the end-to-end test through `ensureWebBuild`).
export default defineConfig({
  root: `${repoRoot}src/web`,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the console: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine[\\/](core|hooks|store|notifications)|@floating-ui)[\\/]/,
            },
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
