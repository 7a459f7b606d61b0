import { Anchor, Text } from '@mantine/core';

/** Required by the DB-IP Lite licence (CC BY 4.0) wherever its locations are shown. */
export function GeoipAttribution() {
  return (
    <Text size="xs" c="dimmed">
      IP geolocation by{' '}
      <Anchor href="https://db-ip.com" target="_blank" rel="noopener" size="xs">
        DB-IP
      </Anchor>{' '}
      (
      <Anchor href="https://creativecommons.org/licenses/by/4.0/" target="_blank" rel="noopener" size="xs">
        CC BY 4.0
      </Anchor>
      )
    </Text>
  );
}
