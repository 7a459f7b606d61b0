import type { ActivityLocation } from '../../../contract/activity';
import type { SignIn } from '../../../contract/sign-ins';
import { describeLocation } from '../activity/location-label';
import type { MapMarker } from '../maps/map-marker';

function placed(
  location: ActivityLocation | null,
): location is ActivityLocation & { latitude: number; longitude: number } {
  return typeof location?.latitude === 'number' && typeof location.longitude === 'number';
}

/**
 * The drawer map's markers: this sign-in (filled) and, when both are placed, the user's previous one (hollow),
 * between which the map draws the journey. A place without coordinates is not drawn.
 */
export function detailMarkers(
  signIn: Pick<SignIn, 'id' | 'location'>,
  previous: Pick<SignIn, 'id' | 'location'> | null,
): MapMarker[] {
  const markers: MapMarker[] = [];
  if (placed(signIn.location)) {
    markers.push({
      id: `current-${signIn.id}`,
      latitude: signIn.location.latitude,
      longitude: signIn.location.longitude,
      count: 1,
      label: describeLocation(signIn.location) ?? 'Unknown place',
      kind: 'current',
    });
  }
  if (previous && placed(previous.location)) {
    markers.push({
      id: `previous-${previous.id}`,
      latitude: previous.location.latitude,
      longitude: previous.location.longitude,
      count: 1,
      label: describeLocation(previous.location) ?? 'Unknown place',
      kind: 'previous',
    });
  }
  return markers;
}

/** The drawer map in words: "Map: this sign-in in London, United Kingdom; the previous one in Linköping, Sweden". */
export function describeDetailMap(markers: readonly MapMarker[]): string {
  const current = markers.find((marker) => marker.kind === 'current');
  const previous = markers.find((marker) => marker.kind === 'previous');
  const parts = [
    current ? `this sign-in in ${current.label}` : null,
    previous ? `the previous sign-in in ${previous.label}` : null,
  ].filter(Boolean);
  return parts.length ? `Map: ${parts.join('; ')}` : 'Map: no known place';
}
