import { Box, Grid, Paper, Skeleton, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { PageError } from '../../lib/page-error';
import { LazyWorldMap } from '../maps/lazy-world-map';
import { PlacesList } from '../maps/places-list';
import { placesToMarkers } from './places-markers';
import { fetchUserPlaces } from './user-places.api';

/** Where the user has signed in from (successful sign-ins with a known position), markers sized by count. */
export function UserPlacesMap({ userId }: { userId: string }) {
  const places = useQuery({
    queryKey: ['sign-ins', 'places', userId],
    queryFn: ({ signal }) => fetchUserPlaces(userId, signal),
  });
  const markers = useMemo(() => placesToMarkers(places.data?.items ?? []), [places.data]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="user-places-title">
      <Title order={2} size="h4" id="user-places-title" mb="xs">
        Where they signed in from
      </Title>
      {places.isPending ? (
        <Skeleton height={220} aria-label="Loading places" role="img" />
      ) : places.isError ? (
        <PageError error={places.error} title="Could not load the places" onRetry={() => places.refetch()} />
      ) : markers.length === 0 ? (
        <Text size="sm" c="dimmed">
          No successful sign-in from a known place yet.
        </Text>
      ) : (
        <Grid gap="md" align="flex-start">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Box maw={640}>
              <LazyWorldMap markers={markers} />
            </Box>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <PlacesList markers={markers} />
            <Text size="xs" c="dimmed" mt="xs">
              Circles grow with the number of successful sign-ins from each place.
            </Text>
          </Grid.Col>
        </Grid>
      )}
    </Paper>
  );
}
