/** What other features may use of app-sessions: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { insertAppSession, markSeatsUsed, sessionPlaceOf } from './app-sessions.repository.ts';
export { closeSessionsOfUser } from './close-sessions.ts';
export { addDailyUsage, mergeUsage } from './daily-usage.repository.ts';
export { HeartbeatBatcher } from './heartbeat-batcher.ts';
export { startSessionSweeper } from './session-sweeper.ts';
