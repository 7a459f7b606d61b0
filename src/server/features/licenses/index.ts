/** What other features may use of licenses: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { assignSeat, freeSeat, reassignSeat, releaseSeatsOfUser, unassignSeat } from './change-seat-assignments.ts';
export { endAssignment, findUsableSeat, insertAssignment, listAssignments } from './seat-assignments.repository.ts';
