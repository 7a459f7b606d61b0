/** What other features may use of subscriptions: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { subscriptionExpired, subscriptionStatus, toSubscription } from './subscription-status.ts';
export {
  findSubscription,
  findSubscriptionForOperator,
  insertSubscription,
  listSubscriptions,
  releaseSeat,
  reserveSeat,
  updateSubscription,
} from './subscriptions.repository.ts';
