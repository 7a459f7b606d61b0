/** What other features may use of app-sign-in: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { HEARTBEAT_INTERVAL_SECONDS, startAppSession } from './start-app-session.ts';
