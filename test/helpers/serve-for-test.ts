// Runs the real server in a child process for tests that kill it; prints the URL once listening.
import { loadConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/start.ts';

const { url } = await startServer(loadConfig(), { buildWeb: false });
process.stdout.write(`LISTENING ${url}\n`);
