/** The public entry of deactivation: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { applyDeactivation, type Deactivation, deactivateUser, deactivationNote } from './deactivate-user.ts';
export { listReleasedSeats } from './list-released-seats.ts';
export { reactivateUser } from './reactivate-user.ts';
