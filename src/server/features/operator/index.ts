/** What other features may use of operator: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { checkOwnerPassword, createOrganization } from './create-organization.ts';
export { addProduct, addSubscription, changeSeats, renewSubscription } from './manage-subscriptions.ts';
export { changeRoleByEmail, issuePasswordLink } from './recover-owner.ts';
