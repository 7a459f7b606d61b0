/** The public entry of device: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { type DeviceType, parseUserAgent } from './parse-user-agent.ts';
