import { type ComponentType, lazy } from 'react';

/**
 * A chart's drawing, fetched (with the chart library) the first time a chart is drawn rather than with its page:
 * Recharts is the console's heaviest library, about 125 kB gzipped, and most pages, tables and the first paint of
 * the Overview need none of it. ChartFrame holds the drawing's place with a skeleton of its size meanwhile.
 */
export function lazyDrawing<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}
