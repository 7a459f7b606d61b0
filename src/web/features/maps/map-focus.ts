import type { MapMarker } from './map-marker';

/** [[west, south], [east, north]] in degrees. */
export type GeoBounds = [[number, number], [number, number]];

/** Smallest window a focused map shows (degrees of longitude, latitude): a city alone still has its country around it. */
export const MIN_SPAN: [number, number] = [36, 20];
/** Mercator cannot reach the poles; a window stops short of them. */
const MAX_LATITUDE = 80;

/**
 * The window that shows every marker with room around it: their bounding box, widened to at least `minSpan` and
 * padded by a fifth on each side. Null when there is nothing to show, or when the markers are spread so wide
 * (over half the globe) that the whole world is the better picture.
 */
export function focusBounds(
  markers: readonly Pick<MapMarker, 'latitude' | 'longitude'>[],
  minSpan = MIN_SPAN,
): GeoBounds | null {
  if (markers.length === 0) return null;
  const longitudes = markers.map((marker) => marker.longitude);
  const latitudes = markers.map((marker) => marker.latitude);
  let west = Math.min(...longitudes);
  let east = Math.max(...longitudes);
  let south = Math.min(...latitudes);
  let north = Math.max(...latitudes);
  if (east - west > 180 || north - south > 90) return null;

  const widen = (low: number, high: number, span: number): [number, number] => {
    const padded = Math.max(high - low, span) * 1.4;
    const middle = (low + high) / 2;
    return [middle - padded / 2, middle + padded / 2];
  };
  [west, east] = widen(west, east, minSpan[0]);
  [south, north] = widen(south, north, minSpan[1]);
  return [
    [Math.max(west, -180), Math.max(south, -MAX_LATITUDE)],
    [Math.min(east, 180), Math.min(north, MAX_LATITUDE)],
  ];
}
