import { describe, expect, it } from 'vitest';
import type { AlertPlace } from '../../../contract/security';
import { alertMarkers, describeAlertMap } from './alert-markers';

const london: AlertPlace = {
  latitude: 51.5142,
  longitude: -0.0931,
  city: 'London',
  country: 'United Kingdom',
  countryCode: 'GB',
  signIns: 1,
  firstAt: '2026-11-01T10:00:00.000Z',
  lastAt: '2026-11-01T10:00:00.000Z',
};
const japan: AlertPlace = {
  ...london,
  latitude: 35,
  longitude: 139,
  city: null,
  country: 'Japan',
  countryCode: 'JP',
  firstAt: '2026-11-01T10:20:00.000Z',
  lastAt: '2026-11-01T10:20:00.000Z',
};

describe('the alert map', () => {
  it('draws an impossible journey from the earlier place to the later one, whatever order the places come in', () => {
    const markers = alertMarkers('impossible_travel', [japan, london]);
    expect(markers.map((marker) => [marker.label, marker.kind])).toEqual([
      ['London, United Kingdom', 'previous'],
      ['Japan', 'current'],
    ]);
    expect(describeAlertMap(markers)).toBe('Map: from London, United Kingdom to Japan');
  });

  it('draws the places of other alerts as plain markers, with no journey', () => {
    const markers = alertMarkers('brute_force', [london, japan]);
    expect(markers.every((marker) => marker.kind === 'place')).toBe(true);
    expect(describeAlertMap(markers)).toBe('Map: London, United Kingdom; Japan');
  });
});
