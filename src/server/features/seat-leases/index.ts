/**
 * The public entry of seat-leases (issue 14): which device holds which seat of a subscription, online
 * while its app session runs or borrowed until a date, counted so that a floating pool never lends more
 * seats than it has. What other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses
 * any other way in).
 */
export { releaseLeases, releaseLeasesOfSessions } from './release-leases.ts';
export {
  attachLease,
  countFloatingBorrow,
  countNamedBorrow,
  endBorrowing,
  findExpiredBorrowings,
  findLiveLease,
  findLiveLeasesOfSessions,
  findLiveLeasesOfUser,
  type LiveLease,
  lockLiveLease,
  markLeaseBorrowed,
} from './seat-leases.repository.ts';
export { takeLease } from './take-lease.ts';
