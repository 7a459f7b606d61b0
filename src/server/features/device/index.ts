/** What other features may use of device: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { type DeviceType, parseUserAgent } from './parse-user-agent.ts';
