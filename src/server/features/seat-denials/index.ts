/**
 * The public entry of seat-denials (issue 14): every refused seat request, and whether the person got a
 * seat on a retry or gave up. What other features, http/ and cli/ may use of it (.dependency-cruiser.cjs
 * refuses any other way in).
 */
export {
  countGaveUpDenials,
  finalizeDenials,
  findOrgsWithStaleDenials,
  type GaveUpDenial,
} from './finalize-denials.ts';
export { DENIAL_RETRY_WINDOW_MS, recordSeatDenial, settleDenialsOnSeat } from './record-seat-denial.ts';
