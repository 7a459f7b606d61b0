/** The public entry of privacy: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { type ErasedUser, eraseUser } from './erase-user.ts';
export { exportUserData, type UserDataExportFile } from './export-user-data.ts';
export { ERASED_LABEL, erasedEmailOf } from './scrub.ts';
