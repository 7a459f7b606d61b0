import { describe, expect, it } from 'vitest';
import { judgeHeartbeat, type SessionFacts } from './judge-heartbeat.ts';

const now = Date.UTC(2026, 10, 26, 12);
const open: SessionFacts = {
  heartbeat_interval_s: 60,
  last_heartbeat_at: now - 60_000,
  ended_at: null,
  end_reason: null,
  user_status: 'active',
  subscription_expires_at: now + 86_400_000,
  assignment_id: 7,
};

describe('judging a heartbeat', () => {
  it('keeps a healthy session alive', () => {
    expect(judgeHeartbeat(open, now)).toEqual({ kind: 'alive' });
  });

  it('times out after 3 silent intervals, ending at the last heartbeat', () => {
    const silent = { ...open, last_heartbeat_at: now - 180_001 };
    expect(judgeHeartbeat(silent, now)).toMatchObject({
      kind: 'end',
      reason: 'timed_out',
      at: silent.last_heartbeat_at,
    });
    expect(judgeHeartbeat({ ...open, last_heartbeat_at: now - 180_000 }, now).kind).toBe('alive');
  });

  it.each([
    [{ user_status: 'deactivated' as const }, 'deactivated', 401, 'account-deactivated'],
    [{ assignment_id: null }, 'seat_removed', 403, 'seat-removed'],
    [{ subscription_expires_at: now }, 'expired', 403, 'subscription-expired'],
  ])('ends it when %o', (change, reason, status, code) => {
    const verdict = judgeHeartbeat({ ...open, ...change }, now);
    expect(verdict).toMatchObject({ kind: 'end', reason, at: now, error: { status, code } });
  });

  it('refuses an ended session with the problem of how it ended', () => {
    expect(judgeHeartbeat({ ...open, ended_at: now - 5, end_reason: 'signed_out' }, now)).toMatchObject({
      kind: 'refuse',
      error: { status: 401, code: 'session-ended' },
    });
  });
});
