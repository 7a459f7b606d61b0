import { Group, Text } from '@mantine/core';
import type { ActivityLocation } from '../../../contract/activity';
import { countryFlag } from './country-flag';
import { describeLocation } from './location-label';

export function LocationCell({ location }: { location: ActivityLocation | null }) {
  const text = describeLocation(location);
  if (!text) {
    return (
      <Text size="sm" c="dimmed">
        Unknown
      </Text>
    );
  }
  const flag = countryFlag(location?.countryCode);
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      {flag && (
        <Text span size="sm" aria-hidden>
          {flag}
        </Text>
      )}
      <Text size="sm">{text}</Text>
    </Group>
  );
}
