import { Group, List, Text } from '@mantine/core';
import type { MapMarker } from './map-marker';

interface PlacesListProps {
  markers: readonly MapMarker[];
  /** How many to list (busiest first); the rest are counted. */
  limit?: number;
}

/** The map's places as text, busiest first: what the picture says, for everyone and for screen readers. */
export function PlacesList({ markers, limit = 8 }: PlacesListProps) {
  const sorted = [...markers].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const shown = sorted.slice(0, limit);
  const rest = sorted.length - shown.length;
  return (
    <div>
      <List size="sm" spacing={4} listStyleType="none" aria-label="Places, busiest first">
        {shown.map((marker) => (
          <List.Item key={marker.id}>
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {marker.label}
              </Text>
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {marker.count} sign-in{marker.count === 1 ? '' : 's'}
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
      {rest > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          and {rest} more {rest === 1 ? 'place' : 'places'}
        </Text>
      )}
    </div>
  );
}
