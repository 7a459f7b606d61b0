/** The public entry of app-sign-in: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { HEARTBEAT_INTERVAL_SECONDS } from './open-app-session.ts';
export { startAppSession } from './start-app-session.ts';
