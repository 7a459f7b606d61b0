import { Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { WorldMapProps } from './world-map';

// The map and its atlas are fetched the first time a map is drawn, never with the console's first load.
const WorldMap = lazy(() => import('./world-map'));

/** A world map (or a window on it) with markers; a grey placeholder of the same shape while it loads. */
export function LazyWorldMap(props: WorldMapProps) {
  const ratio = props.view === 'markers' ? 480 / 270 : 960 / 430;
  return (
    <Suspense fallback={<Skeleton w="100%" style={{ aspectRatio: ratio }} aria-label="Loading map" role="img" />}>
      <WorldMap {...props} />
    </Suspense>
  );
}
