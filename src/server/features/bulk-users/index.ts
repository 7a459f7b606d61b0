/** The public entry of bulk-users: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { addUserWithSeat } from './add-user-with-seat.ts';
