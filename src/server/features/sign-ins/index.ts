/**
 * The public entry of sign-ins, the organization-wide sign-in log (owners): what other features,
 * http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in).
 */

export { distanceKm, travelBetween } from '../geo/index.ts';
export { parseAddressFilter } from './address-filter.ts';
export { getSignInDetail, type SignInDetailView } from './get-sign-in-detail.ts';
export { iterateSignIns, listSignIns } from './list-sign-ins.ts';
export { listUserPlaces } from './list-user-places.ts';
export { findSignInsByIds } from './sign-ins.repository.ts';
export type { SignInFilters, SignInItem, SignInPosition } from './sign-ins.types.ts';
