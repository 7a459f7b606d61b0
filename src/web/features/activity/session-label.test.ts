import { describe, expect, it } from 'vitest';
import { describeSession, sessionEndReasonLabel } from './session-label';

describe('sessionEndReasonLabel', () => {
  it('says every end reason in words', () => {
    expect(sessionEndReasonLabel('signed_out')).toBe('signed out');
    expect(sessionEndReasonLabel('timed_out')).toBe('timed out');
    expect(sessionEndReasonLabel('deactivated')).toBe('deactivated');
    expect(sessionEndReasonLabel('seat_removed')).toBe('seat removed');
    expect(sessionEndReasonLabel('expired')).toBe('subscription expired');
  });

  it('is null for a running session and readable for reasons it does not know', () => {
    expect(sessionEndReasonLabel(null)).toBeNull();
    expect(sessionEndReasonLabel('server_restarted')).toBe('server restarted');
  });
});

describe('describeSession', () => {
  it('gives the duration and why it ended', () => {
    expect(describeSession({ active: false, durationSeconds: 4320, endReason: 'signed_out' })).toEqual({
      badge: 'App session',
      detail: '1 h 12 min · signed out',
    });
    expect(describeSession({ active: false, durationSeconds: 30, endReason: null })).toEqual({
      badge: 'App session',
      detail: '30 s',
    });
  });

  it('says how long a running session has been in use', () => {
    expect(describeSession({ active: true, durationSeconds: 300, endReason: null })).toEqual({
      badge: 'In use',
      detail: 'in use for 5 min',
    });
  });
});
