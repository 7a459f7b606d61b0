/** Radii in SVG user units (the world map is drawn 960 wide). */
export const MIN_MARKER_RADIUS = 4;
export const MAX_MARKER_RADIUS = 18;

/**
 * A marker's radius for `count` sign-ins when the busiest place has `maxCount`: the circle's *area* grows with the
 * count (square root), so a place with four times the sign-ins looks four times as big, not sixteen. The smallest
 * place stays big enough to see and to hover; counts below 1 (or a missing maximum) draw the smallest marker.
 */
export function markerRadius(
  count: number,
  maxCount: number,
  min = MIN_MARKER_RADIUS,
  max = MAX_MARKER_RADIUS,
): number {
  if (!(count >= 1) || !(maxCount >= 1)) return min;
  const share = Math.sqrt(Math.min(count, maxCount) / maxCount);
  return min + (max - min) * share;
}
