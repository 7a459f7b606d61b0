/** What other features may use of users: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { applyUserChange } from './change-user.ts';
export {
  findOpenInvitation,
  insertInvitation,
  markInvitationAccepted,
  PASSWORD_RESET_TTL_MS,
  revokeInvitations,
} from './invitations.repository.ts';
export { describeInvitation } from './invite-user.ts';
export { assertOwnerRemains, requireUser } from './user-guards.ts';
export {
  findUserByEmail,
  findUserById,
  insertUser,
  newUserRow,
  normalizeEmail,
  toUser,
  updateUser,
} from './users.repository.ts';
