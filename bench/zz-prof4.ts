import autocannon from 'autocannon';
import { openBenchDatabase } from './bench-database.ts';
import { startBenchServer } from './run-load.ts';

const bench = await openBenchDatabase();
const server = await startBenchServer('app', bench.env);
const r = await autocannon({
  url: `${server.url}/api/v1/app/sessions/current/heartbeat`,
  method: 'POST',
  headers: { authorization: 'Bearer nope' },
  connections: 50,
  duration: 4,
});
console.log(Math.round(r.requests.average), r.latency.p50);
await server.stop();
await bench.cleanup();
