// One real server process for the two-process tests (two-processes.test.ts): `startServer` as `npm start`
// runs it (every background job scheduled), plus test hooks over the IPC channel that run one tick of a
// job *now* in this process, and move this process's clock. Prints the URL once listening.
import { loadConfig } from '../../src/server/config.ts';
import {
  closeSilentSessions,
  releaseExpiredBorrowings,
} from '../../src/server/features/app-sessions/close-sessions.ts';
import { createNotificationWorkers } from '../../src/server/features/notifications/index.ts';
import { runRetention } from '../../src/server/features/retention/index.ts';
import { startServer } from '../../src/server/start.ts';

export type HookRequest =
  | { id: number; hook: 'clock'; offsetMs: number }
  | { id: number; hook: 'sweep' }
  | { id: number; hook: 'notifications' }
  | { id: number; hook: 'retention' };

let offsetMs = 0;
const { url, deps } = await startServer(loadConfig(), { buildWeb: false, now: () => Date.now() + offsetMs });
const notifications = createNotificationWorkers(deps);
const db = deps.database.db;

async function run(request: HookRequest): Promise<unknown> {
  switch (request.hook) {
    case 'clock':
      offsetMs = request.offsetMs;
      return { offsetMs };
    case 'sweep':
      // What the session sweeper does once a minute (session-sweeper.ts), now.
      return db.transaction().execute(async (trx) => ({
        closed: await closeSilentSessions(trx, deps.now()),
        borrowingsReleased: await releaseExpiredBorrowings(trx, deps.now()),
      }));
    case 'notifications':
      return notifications.runOnce();
    case 'retention':
      return runRetention(db, { now: deps.now });
  }
}

process.on('message', (request: HookRequest) => {
  run(request).then(
    (result) => process.send?.({ id: request.id, result }),
    (error: unknown) => process.send?.({ id: request.id, error: String(error) }),
  );
});
process.stdout.write(`LISTENING ${url} ${process.pid}\n`);
