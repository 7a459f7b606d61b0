import { type GeoProjection, geoMercator, geoNaturalEarth1, geoPath } from 'd3-geo';
import { useId, useMemo } from 'react';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesAtlas from 'world-atlas/countries-110m.json';
import { focusBounds, type GeoBounds } from './map-focus';
import type { MapMarker } from './map-marker';
import { markerRadius } from './marker-radius';
import { summarisePlaces } from './places-summary';

// This module carries d3-geo, topojson-client and the atlas (Natural Earth 1:110m, ~110 KB): it is only ever
// imported through React.lazy (lazy-world-map.tsx), so none of it is in the console's first load, and nothing is
// fetched from a tile server — the map is drawn from the bundle, offline.

const atlas = countriesAtlas as unknown as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
const land = feature(atlas, atlas.objects.land);
/** Borders between two countries only: the coastline is the land's own edge. */
const borders = mesh(atlas, atlas.objects.countries, (a, b) => a !== b);

const WORLD = { width: 960, height: 430 };
const FOCUSED = { width: 480, height: 270 };
const LAYER: Record<NonNullable<MapMarker['kind']>, number> = { previous: 0, place: 1, current: 2 };
const MARGIN = 8;

export interface WorldMapProps {
  markers: readonly MapMarker[];
  /** `world`: the whole globe; `markers`: zoomed to the markers (the whole globe when they are far apart). */
  view?: 'world' | 'markers';
  /** Draws a line from the `previous` marker to the `current` one (the journey between two sign-ins). */
  connect?: boolean;
  /** The map in words; by default a summary of the markers (places and counts). */
  label?: string;
}

function projectionFor(markers: readonly MapMarker[], view: 'world' | 'markers') {
  const bounds = view === 'markers' ? focusBounds(markers) : null;
  if (!bounds) {
    // The inhabited world, 58° S to 84° N: Antarctica would take a fifth of the height and no one signs in there.
    const projection = geoNaturalEarth1().fitExtent(
      [
        [MARGIN, MARGIN],
        [WORLD.width - MARGIN, WORLD.height - MARGIN],
      ],
      frameOf([
        [-180, -58],
        [180, 84],
      ]),
    );
    return { projection, size: WORLD, scale: 1 };
  }
  const projection = geoMercator().fitExtent(
    [
      [MARGIN, MARGIN],
      [FOCUSED.width - MARGIN, FOCUSED.height - MARGIN],
    ],
    frameOf(bounds),
  );
  return { projection, size: FOCUSED, scale: 0.7 };
}

/**
 * A window as points on its edges — corners, edge midpoints and the equator's ends — to fit a projection to.
 * Not a polygon, whose winding d3 would read as "everything but this box".
 */
function frameOf([[west, south], [east, north]]: GeoBounds): GeoJSON.MultiPoint {
  const middle = (west + east) / 2;
  const coordinates: [number, number][] = [
    [west, south],
    [west, north],
    [east, south],
    [east, north],
    [middle, south],
    [middle, north],
  ];
  if (south < 0 && north > 0) coordinates.push([west, 0], [east, 0]);
  return { type: 'MultiPoint', coordinates };
}

function project(projection: GeoProjection, marker: MapMarker): [number, number] | null {
  const point = projection([marker.longitude, marker.latitude]);
  return point && Number.isFinite(point[0]) && Number.isFinite(point[1]) ? point : null;
}

/** Land, borders and markers as one SVG; scales to its container's width without sideways scrolling. */
export default function WorldMap({ markers, view = 'world', connect = false, label }: WorldMapProps) {
  const clipId = useId();
  const { projection, size, scale } = useMemo(() => projectionFor(markers, view), [markers, view]);
  const paths = useMemo(() => {
    const path = geoPath(projection);
    return { land: path(land) ?? '', borders: path(borders) ?? '' };
  }, [projection]);

  const maxCount = Math.max(1, ...markers.map((marker) => marker.count));
  // Biggest first, so a small place next to a big one stays visible on top of it; this sign-in over the previous one.
  const drawn = [...markers].sort((a, b) => b.count - a.count || LAYER[a.kind ?? 'place'] - LAYER[b.kind ?? 'place']);
  const current = markers.find((marker) => marker.kind === 'current');
  const previous = markers.find((marker) => marker.kind === 'previous');
  const journey =
    connect && current && previous
      ? geoPath(projection)({
          type: 'LineString',
          coordinates: [
            [previous.longitude, previous.latitude],
            [current.longitude, current.latitude],
          ],
        })
      : null;

  return (
    <svg
      viewBox={`0 0 ${size.width} ${size.height}`}
      role="img"
      aria-label={label ?? summarisePlaces(markers)}
      style={{ display: 'block', width: '100%', height: 'auto' }}
      data-map-view={view}
    >
      <defs>
        <clipPath id={clipId}>
          <rect width={size.width} height={size.height} rx={6} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        <rect width={size.width} height={size.height} fill="var(--mantine-color-blue-0)" />
        <path d={paths.land} fill="var(--mantine-color-gray-3)" />
        <path d={paths.borders} fill="none" stroke="var(--mantine-color-white)" strokeWidth={0.6} />
        {journey && (
          <path d={journey} fill="none" stroke="var(--mantine-color-dark-6)" strokeWidth={1.5} strokeDasharray="4 3" />
        )}
        {drawn.map((marker) => {
          const point = project(projection, marker);
          if (!point) return null;
          const hollow = marker.kind === 'previous';
          // The previous sign-in is a wider ring, so at the same place it circles this one instead of hiding it.
          const radius = markerRadius(marker.count, maxCount) * scale * (hollow ? 1.7 : 1);
          return (
            <circle
              key={marker.id}
              cx={point[0]}
              cy={point[1]}
              r={radius}
              fill={hollow ? 'none' : 'var(--mantine-color-red-8)'}
              fillOpacity={0.8}
              stroke={hollow ? 'var(--mantine-color-dark-6)' : 'var(--mantine-color-white)'}
              strokeWidth={1.5}
              strokeDasharray={hollow ? '3 2' : undefined}
              data-marker={marker.kind ?? 'place'}
            >
              <title>{`${marker.label} (${marker.count} sign-in${marker.count === 1 ? '' : 's'})`}</title>
            </circle>
          );
        })}
      </g>
    </svg>
  );
}
