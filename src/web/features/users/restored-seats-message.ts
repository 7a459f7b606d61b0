import type { ReactivatedUser } from '../../../contract/users';

const WHY: Record<ReactivatedUser['seatsNotRestored'][number]['reason'], string> = {
  'no-free-seat': 'no seat free',
  'subscription-expired': 'subscription ended',
};

/** "Dana can sign in again. Seats given back: Designer. Not given back: Viewer (no seat free)." */
export function reactivationMessage(user: ReactivatedUser): string {
  const parts = [`${user.name} can sign in again.`];
  if (user.restoredSeats.length > 0) {
    parts.push(`Seats given back: ${user.restoredSeats.map((seat) => seat.product.name).join(', ')}.`);
  }
  if (user.seatsNotRestored.length > 0) {
    const missed = user.seatsNotRestored.map((seat) => `${seat.product.name} (${WHY[seat.reason]})`).join(', ');
    parts.push(`Not given back: ${missed}.`);
  }
  return parts.join(' ');
}
