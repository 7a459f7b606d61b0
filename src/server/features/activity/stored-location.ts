import type { GeoLocation } from '../geo/index.ts';

/** The location columns sign-in attempts and app sessions both store. */
export interface StoredLocation {
  country_code: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  asn: number | null;
  as_organization: string | null;
}

/** The API's location of a stored row; null when the address told us nothing (private, unknown). */
export function toLocation(row: StoredLocation): GeoLocation | null {
  if (row.country_code === null && row.latitude === null && row.asn === null) return null;
  return {
    countryCode: row.country_code,
    country: row.country,
    region: row.region,
    city: row.city,
    latitude: row.latitude,
    longitude: row.longitude,
    asn: row.asn,
    asOrganization: row.as_organization,
  };
}
