/**
 * The public entry of seats-in-use (issue 14): the Seats in use page's list of a subscription's live leases
 * and an owner's force-release. What other features, http/ and cli/ may use of it (.dependency-cruiser.cjs
 * refuses any other way in).
 */
export { forceReleaseLease } from './force-release-lease.ts';
export { listSeatsInUse } from './list-seats-in-use.ts';
