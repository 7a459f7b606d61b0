/** A point to mark on a map, with how many sign-ins it stands for (1 when it is a single sign-in). */
export interface MapMarker {
  id: string;
  latitude: number;
  longitude: number;
  /** Sign-ins at this place; sizes the marker on maps of many places. */
  count: number;
  /** The place in words ("London, United Kingdom"), for the map's text alternative. */
  label: string;
  /** `current` is filled, `previous` is hollow and dashed: told apart by shape, not only by colour. */
  kind?: 'place' | 'current' | 'previous';
}
