/** The public entry of subscriptions: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export {
  floatingSubscription,
  subscriptionExpired,
  subscriptionStatus,
  toSubscription,
} from './subscription-status.ts';
export {
  findSubscription,
  findSubscriptionForOperator,
  insertSubscription,
  listSubscriptions,
  releaseSeat,
  reserveSeat,
  updateSubscription,
} from './subscriptions.repository.ts';
