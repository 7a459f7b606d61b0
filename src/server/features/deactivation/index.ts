/** What other features may use of deactivation: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { deactivateUser } from './deactivate-user.ts';
export { reactivateUser } from './reactivate-user.ts';
