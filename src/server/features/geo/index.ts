/** What other features may use of geo: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { type GeoIp, type GeoLocation, openGeoIp } from './geoip.ts';
