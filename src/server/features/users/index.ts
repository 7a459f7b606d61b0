/** The public entry of users: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
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
