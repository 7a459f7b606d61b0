import { Box, DataList, Group, Text } from '@mantine/core';
import type { SignIn } from '../../../contract/sign-ins';
import { countryFlag } from '../activity/country-flag';
import { GeoipAttribution } from '../activity/geoip-attribution';
import { LazyWorldMap } from '../maps/lazy-world-map';
import type { MapMarker } from '../maps/map-marker';
import { DetailItem } from './detail-item';
import { describeDetailMap } from './detail-markers';
import { DetailSection } from './detail-section';

const coordinate = new Intl.NumberFormat('en', { maximumFractionDigits: 4, minimumFractionDigits: 2 });

/** Where the address places the attempt, with a small offline map of it (and of the previous sign-in). */
export function PlaceSection({ signIn, markers }: { signIn: SignIn; markers: MapMarker[] }) {
  const location = signIn.location;
  const flag = countryFlag(location?.countryCode);
  const hasPosition = typeof location?.latitude === 'number' && typeof location.longitude === 'number';
  return (
    <DetailSection title="Place">
      {location && (
        <DataList labelWidth={130} size="sm">
          <DetailItem label="City">{location?.city}</DetailItem>
          <DetailItem label="Region">{location?.region}</DetailItem>
          <DetailItem label="Country">
            {location?.country || location?.countryCode ? (
              <Group gap={6} wrap="nowrap" component="span">
                {flag && (
                  <Text span size="sm" aria-hidden>
                    {flag}
                  </Text>
                )}
                <Text span size="sm">
                  {location.country ?? location.countryCode}
                </Text>
              </Group>
            ) : null}
          </DetailItem>
          {hasPosition && (
            <DetailItem label="Coordinates">
              {`${coordinate.format(location.latitude as number)}, ${coordinate.format(location.longitude as number)}`}
            </DetailItem>
          )}
        </DataList>
      )}
      {markers.length > 0 ? (
        <>
          <Box maw={560}>
            <LazyWorldMap markers={markers} view="markers" connect label={describeDetailMap(markers)} />
          </Box>
          {markers.some((marker) => marker.kind === 'previous') && (
            <Text size="xs" c="dimmed">
              Filled circle: this sign-in. Dashed ring: the previous one, joined to it by a dashed line.
            </Text>
          )}
        </>
      ) : (
        <Text size="sm" c="dimmed">
          No position is known for this address (private, local or not in the GeoIP database), so there is no map.
        </Text>
      )}
      <GeoipAttribution />
    </DetailSection>
  );
}
