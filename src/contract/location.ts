import { Type } from 'typebox';
import { Nullable } from './schema-helpers.ts';

/** Where an address is, by the configured GeoIP databases (city, and the network's ASN when configured). */
export const LocationSchema = Type.Object({
  countryCode: Nullable(Type.String()),
  country: Nullable(Type.String()),
  region: Nullable(Type.String()),
  city: Nullable(Type.String()),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  asn: Nullable(Type.Integer()),
  asOrganization: Nullable(Type.String()),
});
