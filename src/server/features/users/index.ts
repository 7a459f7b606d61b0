/** The public entry of users: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { applyUserChange } from './change-user.ts';
export {
  findOpenInvitation,
  insertInvitation,
  insertInvitationsForNewUsers,
  markInvitationAccepted,
  revokeInvitations,
} from './invitations.repository.ts';
export { describeInvitation, emailTaken, insertNewUser, recordUserCreated } from './invite-user.ts';
export { assertOwnerRemains, assertOwnersRemain, requireUser } from './user-guards.ts';
export { findHeldSubscriptionIds, findHoldersAmong, findSeatsHeldBy } from './user-seats.repository.ts';
export {
  findTakenEmails,
  findUserByEmail,
  findUserById,
  findUserPage,
  findUsersByIds,
  insertUser,
  insertUsers,
  newUserRow,
  normalizeEmail,
  toUser,
  updateUser,
} from './users.repository.ts';
