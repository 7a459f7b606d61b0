/** The public entry of app-sessions: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { insertAppSession, markSeatsUsed, sessionPlaceOf } from './app-sessions.repository.ts';
export { closeSessionsOfUser } from './close-sessions.ts';
export { addDailyUsage, mergeUsage } from './daily-usage.repository.ts';
export { HeartbeatBatcher } from './heartbeat-batcher.ts';
export { startSessionSweeper } from './session-sweeper.ts';
