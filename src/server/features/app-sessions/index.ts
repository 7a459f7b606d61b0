/** The public entry of app-sessions: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export {
  findSessionsByToken,
  findSoonestLapse,
  insertAppSession,
  lockAppSession,
  markSeatsUsed,
  sessionPlaceOf,
} from './app-sessions.repository.ts';
export { closeSessionsOfUser, replaceSessionsOnDevice } from './close-sessions.ts';
export { addDailyUsage, mergeUsage } from './daily-usage.repository.ts';
export { HeartbeatBatcher, heartbeatParallelism } from './heartbeat-batcher.ts';
// Offline borrowing (seat-borrowing) judges a session as its heartbeat would.
export { judgeHeartbeat, sessionInvalid } from './judge-heartbeat.ts';
export { startSessionSweeper } from './session-sweeper.ts';
