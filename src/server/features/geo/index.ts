/** The public entry of geo: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { type GeoIp, type GeoLocation, openGeoIp } from './geoip.ts';
export { distanceKm, type Position, travelBetween } from './travel.ts';
