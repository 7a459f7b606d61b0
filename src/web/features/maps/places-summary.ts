import type { MapMarker } from './map-marker';

/** How many places a text alternative names before it says "and N more". */
const NAMED_PLACES = 5;

function signIns(count: number): string {
  return `${count} sign-in${count === 1 ? '' : 's'}`;
}

/**
 * The map in words, for its `aria-label`: "Map of 3 places: London, United Kingdom (12 sign-ins); Paris, France
 * (2 sign-ins); and 1 more". Busiest places first; a list beside the map gives every place.
 */
export function summarisePlaces(markers: readonly Pick<MapMarker, 'label' | 'count'>[]): string {
  if (markers.length === 0) return 'Map: no known places';
  const sorted = [...markers].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const named = sorted.slice(0, NAMED_PLACES).map((marker) => `${marker.label} (${signIns(marker.count)})`);
  const rest = sorted.length - named.length;
  const places = `${sorted.length} place${sorted.length === 1 ? '' : 's'}`;
  return `Map of ${places}: ${named.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`;
}
