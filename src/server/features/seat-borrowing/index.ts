/**
 * The public entry of seat-borrowing (issue 14): an app checks its seat out for offline use with a
 * signed lease file, returns it early, and asks what became of it. Only http/ registers its routes.
 */
export { borrowSeat, licenseKeysUrl } from './borrow-seat.ts';
export { readBorrowing, returnBorrowing } from './return-borrowing.ts';
