import { describe, expect, it } from 'vitest';
import type { ActivityDevice } from '../../../contract/activity';
import { describeDevice } from './device-label';

const device = (fields: Partial<ActivityDevice>): ActivityDevice => ({
  type: 'desktop',
  os: null,
  osVersion: null,
  browser: null,
  browserVersion: null,
  app: null,
  appVersion: null,
  deviceId: null,
  name: null,
  ...fields,
});

describe('describeDevice', () => {
  it('names OS and browser (major version) for the console', () => {
    const item = {
      client: 'console' as const,
      userAgent: 'Mozilla/5.0',
      device: device({ os: 'Windows', osVersion: '10', browser: 'Chrome', browserVersion: '120.0.6099.109' }),
    };
    expect(describeDevice(item)).toEqual({ primary: 'Windows 10 · Chrome 120', detail: null });
  });

  it('names the app and version for app clients, with the OS as detail', () => {
    const item = {
      client: 'app' as const,
      userAgent: null,
      device: device({ app: 'Studio', appVersion: '1.2', os: 'macOS', osVersion: '14.2' }),
    };
    expect(describeDevice(item)).toEqual({ primary: 'Studio 1.2', detail: 'macOS 14.2' });
  });

  it('falls back to the user agent when nothing was recognised', () => {
    const item = { client: 'console' as const, userAgent: 'curl/8.0', device: device({ type: 'other' }) };
    expect(describeDevice(item)).toEqual({ primary: 'Unknown device', detail: 'curl/8.0' });
  });

  it('names an app session by the product’s name, with the machine’s name and OS as detail', () => {
    const item = {
      type: 'app_session' as const,
      client: 'app' as const,
      userAgent: null,
      device: device({ app: 'studio', appVersion: '3.1.0', name: 'Ana’s MacBook', os: 'macOS', osVersion: '14.2' }),
    };
    expect(describeDevice(item, new Map([['studio', 'Seatkeeper Studio']]))).toEqual({
      primary: 'Seatkeeper Studio 3.1.0',
      detail: 'Ana’s MacBook · macOS 14.2',
    });
    expect(describeDevice(item).primary).toBe('studio 3.1.0');
  });
});
