/** The public entry of operator: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { checkOwnerPassword, createOrganization } from './create-organization.ts';
export { addProduct, addSubscription, changeSeats, renewSubscription } from './manage-subscriptions.ts';
export { OPERATOR_CLI } from './operator-actor.ts';
export { changeRoleByEmail, issuePasswordLink } from './recover-owner.ts';
