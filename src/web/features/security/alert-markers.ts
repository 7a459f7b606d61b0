import type { AlertPlace, AlertType } from '../../../contract/security';
import type { MapMarker } from '../maps/map-marker';

function placeLabel(place: AlertPlace): string {
  const parts = [place.city, place.country ?? place.countryCode].filter(Boolean);
  return parts.length ? parts.join(', ') : `${place.latitude.toFixed(2)}, ${place.longitude.toFixed(2)}`;
}

/**
 * The alert map's markers, one per place. For impossible travel the earliest place is the journey's start
 * (hollow ring) and the latest its end (filled), so the map joins them with a line; any other alert's places
 * are plain markers sized by their sign-ins.
 */
export function alertMarkers(type: AlertType, places: readonly AlertPlace[]): MapMarker[] {
  const byTime = [...places].sort((a, b) => a.firstAt.localeCompare(b.firstAt) || a.lastAt.localeCompare(b.lastAt));
  const journey = type === 'impossible_travel' && byTime.length === 2;
  return byTime.map((place, index) => ({
    id: `place-${index}-${place.latitude}-${place.longitude}`,
    latitude: place.latitude,
    longitude: place.longitude,
    count: place.signIns,
    label: placeLabel(place),
    kind: journey ? (index === 0 ? 'previous' : 'current') : 'place',
  }));
}

/** The map in words: "Map: from London, United Kingdom to Tokyo, Japan", or the places listed. */
export function describeAlertMap(markers: readonly MapMarker[]): string {
  const from = markers.find((marker) => marker.kind === 'previous');
  const to = markers.find((marker) => marker.kind === 'current');
  if (from && to) return `Map: from ${from.label} to ${to.label}`;
  if (markers.length === 0) return 'Map: no known place';
  return `Map: ${markers.map((marker) => marker.label).join('; ')}`;
}
