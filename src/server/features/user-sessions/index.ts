/** The public entry of user-sessions: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { endAllUserSessions, endUserSession } from './end-user-sessions.ts';
export { countOtherLiveSessions, listUserSessions } from './list-user-sessions.ts';
