import { describe, expect, it } from 'vitest';
import type { ActivityLocation } from '../../../contract/activity';
import { describeLocation } from './location-label';

const location = (fields: Partial<ActivityLocation>): ActivityLocation => ({
  countryCode: null,
  country: null,
  region: null,
  city: null,
  latitude: null,
  longitude: null,
  asn: null,
  asOrganization: null,
  ...fields,
});

describe('describeLocation', () => {
  it('joins city, region and country, saying repeated names once', () => {
    expect(describeLocation(location({ city: 'Munich', region: 'Bavaria', country: 'Germany' }))).toBe(
      'Munich, Bavaria, Germany',
    );
    expect(describeLocation(location({ city: 'Singapore', region: 'Singapore', country: 'Singapore' }))).toBe(
      'Singapore',
    );
  });

  it('is null when nothing is known', () => {
    expect(describeLocation(null)).toBeNull();
    expect(describeLocation(location({}))).toBeNull();
  });
});
