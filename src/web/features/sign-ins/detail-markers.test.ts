import { describe, expect, it } from 'vitest';
import type { ActivityLocation } from '../../../contract/activity';
import { describeDetailMap, detailMarkers } from './detail-markers';

const place = (city: string, country: string, latitude: number | null, longitude: number | null): ActivityLocation => ({
  countryCode: null,
  country,
  region: null,
  city,
  latitude,
  longitude,
  asn: null,
  asOrganization: null,
});

const LONDON = place('London', 'United Kingdom', 51.5142, -0.0931);
const LINKOPING = place('Linköping', 'Sweden', 58.4167, 15.6167);

describe('detailMarkers', () => {
  it('marks this sign-in and the previous one, told apart by kind', () => {
    const markers = detailMarkers({ id: '2', location: LONDON }, { id: '1', location: LINKOPING });
    expect(markers.map((marker) => [marker.kind, marker.label, marker.latitude])).toEqual([
      ['current', 'London, United Kingdom', 51.5142],
      ['previous', 'Linköping, Sweden', 58.4167],
    ]);
    expect(describeDetailMap(markers)).toBe(
      'Map: this sign-in in London, United Kingdom; the previous sign-in in Linköping, Sweden',
    );
  });

  it('leaves out places without coordinates', () => {
    expect(detailMarkers({ id: '2', location: null }, { id: '1', location: LINKOPING })).toHaveLength(1);
    expect(detailMarkers({ id: '2', location: place('Nowhere', 'X', null, 0) }, null)).toEqual([]);
    expect(describeDetailMap([])).toBe('Map: no known place');
  });
});
