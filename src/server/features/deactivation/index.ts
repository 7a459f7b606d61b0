/** The public entry of deactivation: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { deactivateUser } from './deactivate-user.ts';
export { reactivateUser } from './reactivate-user.ts';
