/** The public entry of device-authorization: apps signing in through the browser (RFC 8628). */
export { decideDeviceAuthorizationAs, describeDeviceAuthorization } from './decide-device-authorization.ts';
export { DEVICE_POLL_PROBLEMS, type RedeemedDeviceAuthorization, redeemDeviceCode } from './redeem-device-code.ts';
export {
  DEVICE_AUTHORIZATION_LIFETIME_SECONDS,
  POLL_INTERVAL_SECONDS,
  startDeviceAuthorization,
  unknownApp,
} from './start-device-authorization.ts';
export { sweepDeviceAuthorizations } from './sweep-device-authorizations.ts';
