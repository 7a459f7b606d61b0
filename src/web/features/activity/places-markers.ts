import type { UserPlaces } from '../../../contract/sign-ins';
import type { MapMarker } from '../maps/map-marker';
import { describeLocation } from './location-label';

type Place = UserPlaces['items'][number];

/** A user's places as map markers, sized later by their counts; a place with no name is called by its position. */
export function placesToMarkers(places: readonly Place[]): MapMarker[] {
  return places.map((place, index) => ({
    id: `${index}-${place.latitude},${place.longitude}`,
    latitude: place.latitude,
    longitude: place.longitude,
    count: place.count,
    label:
      describeLocation({ ...place, asn: null, asOrganization: null }) ??
      `${place.latitude.toFixed(2)}, ${place.longitude.toFixed(2)}`,
    kind: 'place',
  }));
}
