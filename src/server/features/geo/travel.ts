/** Mean Earth radius (km), the usual sphere for great-circle distances (IUGG). */
const EARTH_RADIUS_KM = 6371.0088;

export interface Position {
  latitude: number | null;
  longitude: number | null;
}

/** Great-circle distance in km (haversine); null when either position is unknown. */
export function distanceKm(a: Position, b: Position): number | null {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) return null;
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  // min(1, …): rounding can push h a hair above 1 for antipodes, and asin would answer NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}

/**
 * How one sign-in follows another: distance (km), time between them (whole seconds, never
 * negative) and the speed that would take (km/h). Speed is null when the distance is unknown,
 * and when no time passed between two different places (it would be infinite); the same place
 * at the same instant is 0 km/h.
 */
export function travelBetween(earlier: Position & { at: number }, later: Position & { at: number }) {
  const km = distanceKm(earlier, later);
  const elapsedMs = Math.max(0, later.at - earlier.at);
  let speedKmh: number | null = null;
  if (km !== null && elapsedMs > 0) speedKmh = km / (elapsedMs / 3_600_000);
  else if (km === 0) speedKmh = 0;
  return {
    distanceKm: km === null ? null : round(km, 1),
    elapsedSeconds: Math.round(elapsedMs / 1000),
    speedKmh: speedKmh === null ? null : round(speedKmh, 1),
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
