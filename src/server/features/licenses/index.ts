/** The public entry of licenses: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { assignSeat, freeSeat, reassignSeat, releaseSeatsOfUser, unassignSeat } from './change-seat-assignments.ts';
export { endAssignment, findSeatsForApp, insertAssignment, listAssignments } from './seat-assignments.repository.ts';
