import { describe, expect, it } from 'vitest';
import type { UserSession } from '../../../contract/user-sessions';
import { describeDevice, describePlace } from './describe-session';

const base: UserSession = {
  id: 'c_AAAAAAAAAAAAAAAAAAAAAA',
  kind: 'console',
  current: false,
  device: {
    type: 'desktop',
    os: 'Mac OS',
    osVersion: '14.5',
    browser: 'Firefox',
    browserVersion: '128.0',
    app: null,
    appVersion: null,
    deviceId: null,
    name: null,
  },
  ip: '81.2.69.142',
  location: {
    countryCode: 'GB',
    country: 'United Kingdom',
    region: 'England',
    city: 'London',
    latitude: null,
    longitude: null,
    asn: null,
    asOrganization: null,
  },
  startedAt: '2026-01-01T00:00:00.000Z',
  lastSeenAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-01T12:00:00.000Z',
  endsBy: 'idle',
  app: null,
};

describe('describing a session', () => {
  it('names a browser and its system, or an app, its system and device', () => {
    expect(describeDevice(base)).toBe('Firefox 128.0 on Mac OS 14.5');
    const app: UserSession = {
      ...base,
      kind: 'app',
      device: {
        ...base.device,
        browser: null,
        browserVersion: null,
        app: 'designer',
        appVersion: '2.4.1',
        name: 'Studio',
      },
    };
    expect(describeDevice(app)).toBe('designer 2.4.1 on Mac OS 14.5 · Studio');
    const unknown = {
      ...base,
      device: { ...base.device, os: null, osVersion: null, browser: null, browserVersion: null },
    };
    expect(describeDevice(unknown)).toBe('Unknown device');
  });

  it('names the place without repeating a city-state, or nothing', () => {
    expect(describePlace(base)).toBe('London, England, United Kingdom');
    const singapore = {
      ...base,
      location: { ...base.location, city: 'Singapore', region: null, country: 'Singapore' },
    };
    expect(describePlace(singapore)).toBe('Singapore');
    const nowhere = { ...base, location: { ...base.location, city: null, region: null, country: null } };
    expect(describePlace(nowhere)).toBeNull();
  });
});
