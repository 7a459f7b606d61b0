import { describe, expect, it } from 'vitest';
import { judgeHeartbeat, type SessionFacts } from './judge-heartbeat.ts';

const now = Date.UTC(2026, 10, 26, 12);
const open: SessionFacts = {
  heartbeat_interval_s: 60,
  silence_limit_s: null,
  last_heartbeat_at: now - 60_000,
  ended_at: null,
  end_reason: null,
  user_status: 'active',
  subscription_kind: 'named',
  subscription_expires_at: now + 86_400_000,
  assignment_id: 7,
  lease_id: 3,
};
/** A session on a floating pool with a 10-minute lease window: no named seat, a live lease. */
const floating: SessionFacts = { ...open, subscription_kind: 'floating', silence_limit_s: 600, assignment_id: null };

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

  it('keeps a floating session alive while its lease is live, up to its lease window of silence', () => {
    expect(judgeHeartbeat({ ...floating, last_heartbeat_at: now - 600_000 }, now)).toEqual({ kind: 'alive' });
    expect(judgeHeartbeat({ ...floating, last_heartbeat_at: now - 600_001 }, now)).toMatchObject({
      kind: 'end',
      reason: 'timed_out',
      at: now - 600_001,
      error: { status: 401, code: 'session-timed-out' },
    });
  });

  it('ends a floating session whose lease was released, and an expired pool’s', () => {
    expect(judgeHeartbeat({ ...floating, lease_id: null }, now)).toMatchObject({
      kind: 'end',
      reason: 'lease_released',
      error: { status: 403, code: 'lease-released' },
    });
    expect(judgeHeartbeat({ ...floating, subscription_expires_at: now }, now)).toMatchObject({
      kind: 'end',
      reason: 'expired',
      error: { status: 403, code: 'subscription-expired' },
    });
  });

  it('tells a session ended by a force-release the owner’s note, and a replaced one to use the newer token', () => {
    const released = judgeHeartbeat(
      { ...floating, ended_at: now - 5, end_reason: 'lease_released', lease_note: 'Needed for the night shift' },
      now,
    );
    expect(released).toMatchObject({ kind: 'refuse', error: { status: 403, code: 'lease-released' } });
    expect(released.kind === 'refuse' && released.error.detail).toContain('“Needed for the night shift”');
    expect(judgeHeartbeat({ ...open, ended_at: now - 5, end_reason: 'replaced' }, now)).toMatchObject({
      kind: 'refuse',
      error: { status: 401, code: 'session-replaced' },
    });
  });

  it('refuses an ended session with the problem of how it ended', () => {
    expect(judgeHeartbeat({ ...open, ended_at: now - 5, end_reason: 'signed_out' }, now)).toMatchObject({
      kind: 'refuse',
      error: { status: 401, code: 'session-ended' },
    });
  });
});
