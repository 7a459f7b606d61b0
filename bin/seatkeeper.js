#!/usr/bin/env node
// Entry point of `npx seatkeeper` and `npm start`: runs the TypeScript sources through tsx,
// so there is no separate build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli/main.ts');
