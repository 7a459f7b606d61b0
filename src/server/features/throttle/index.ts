/** The public entry of throttle: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { createAddressBrake } from './address-brake.ts';
export {
  addressKey,
  createLimiterFactory,
  createLoginThrottle,
  createThrottleRedis,
  type LoginThrottle,
  logThrottleStoreChanges,
  type ThrottleStoreChange,
  takePoint,
} from './login-throttle.ts';
