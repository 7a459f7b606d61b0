import path from 'node:path';

/**
 * Test fixtures shipped inside the repository (see test/fixtures/README.md for where each came from and its licence).
 * Nothing here points outside the repository, so a fresh checkout tests itself.
 */
export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../fixtures');

/** MaxMind's published test databases (github.com/maxmind/MaxMind-DB, test-data/). */
export const MAXMIND_TEST_DATA_DIR = path.join(FIXTURES_DIR, 'maxmind-test-data');
/** Stable answers for assertions: 81.2.69.142 is London. */
export const FIXTURE_CITY_DB = path.join(MAXMIND_TEST_DATA_DIR, 'GeoIP2-City-Test.mmdb');
export const FIXTURE_ASN_DB = path.join(MAXMIND_TEST_DATA_DIR, 'GeoLite2-ASN-Test.mmdb');

/** ua-parser/uap-core's test cases (test_ua.yaml, test_os.yaml, test_device.yaml). */
export const UAP_CORE_DIR = path.join(FIXTURES_DIR, 'uap-core');
