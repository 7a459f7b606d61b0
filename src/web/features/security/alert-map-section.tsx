import { Box, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { AlertPlace, AlertType } from '../../../contract/security';
import { GeoipAttribution } from '../activity/geoip-attribution';
import { LazyWorldMap } from '../maps/lazy-world-map';
import { PlacesList } from '../maps/places-list';
import { alertMarkers, describeAlertMap } from './alert-markers';

/** Where the alert's sign-ins came from, on a map drawn offline, with the places in words beside it. */
export function AlertMapSection({ type, places }: { type: AlertType; places: readonly AlertPlace[] }) {
  const markers = useMemo(() => alertMarkers(type, places), [type, places]);
  if (markers.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No position is known for these sign-ins’ addresses (private, local or not in the GeoIP database), so there is no
        map.
      </Text>
    );
  }
  const journey = markers.some((marker) => marker.kind === 'previous');
  return (
    <>
      <Box maw={560}>
        <LazyWorldMap markers={markers} view="markers" connect={journey} label={describeAlertMap(markers)} />
      </Box>
      {journey && (
        <Text size="xs" c="dimmed">
          Dashed ring: where the journey started. Filled circle: where it ended. The dashed line joins them.
        </Text>
      )}
      <PlacesList markers={markers} />
      <GeoipAttribution />
    </>
  );
}
