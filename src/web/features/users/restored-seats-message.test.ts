import { describe, expect, it } from 'vitest';
import type { ReactivatedUser } from '../../../contract/users';
import { reactivationMessage } from './restored-seats-message';

const user = (fields: Partial<ReactivatedUser>): ReactivatedUser => ({
  id: 'u1',
  email: 'dana@example.com',
  name: 'Dana',
  role: 'member',
  status: 'active',
  invitationPending: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastLoginAt: null,
  lastAppUseAt: null,
  deactivatedAt: null,
  deactivationReason: null,
  deactivationNote: null,
  restoredSeats: [],
  seatsNotRestored: [],
  ...fields,
});

describe('reactivationMessage', () => {
  it('says which seats came back and which did not, and why', () => {
    expect(
      reactivationMessage(
        user({
          restoredSeats: [{ subscriptionId: 's1', product: { key: 'd', name: 'Designer' }, expired: false }],
          seatsNotRestored: [
            { subscriptionId: 's2', product: { key: 'v', name: 'Viewer' }, reason: 'no-free-seat' },
            { subscriptionId: 's3', product: { key: 'c', name: 'Cutter' }, reason: 'subscription-expired' },
          ],
        }),
      ),
    ).toBe(
      'Dana can sign in again. Seats given back: Designer. Not given back: Viewer (no seat free), Cutter (subscription ended).',
    );
    expect(reactivationMessage(user({}))).toBe('Dana can sign in again.');
  });
});
