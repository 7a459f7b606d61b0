import { Box, Skeleton, Text, VisuallyHidden } from '@mantine/core';
import { type ReactNode, Suspense, useId } from 'react';
import { ChartLoadBoundary } from './chart-load-boundary';
import { CHART_HEIGHT } from './chart-props';

export interface ChartData {
  columns: string[];
  rows: (string | number)[][];
}

interface ChartFrameProps {
  title: string;
  /** One sentence that says what the picture shows; visible, and what a screen reader hears first. */
  summary: string;
  /** The figures behind the picture, as a table for screen readers. */
  data: ChartData;
  height?: number;
  /** The title for screen readers only, where a card's heading already says it. */
  titleHidden?: boolean;
  /**
   * The drawing: a lazily loaded component (lazyDrawing) that draws a Recharts chart in a ChartCanvas. Until its code
   * is there a skeleton of the same height holds its place, so nothing below moves when it appears.
   */
  children: ReactNode;
}

/** A chart with its title, a summary in words and its data as a visually hidden table. */
export function ChartFrame({
  title,
  summary,
  data,
  height = CHART_HEIGHT,
  titleHidden = false,
  children,
}: ChartFrameProps) {
  const id = useId();
  return (
    <Box component="figure" m={0} aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      {titleHidden ? (
        <VisuallyHidden component="figcaption" id={`${id}-title`}>
          {title}
        </VisuallyHidden>
      ) : (
        <Text component="figcaption" id={`${id}-title`} fw={600} size="sm">
          {title}
        </Text>
      )}
      <Text id={`${id}-summary`} size="xs" c="dimmed">
        {summary}
      </Text>
      <Box h={height} mt="sm">
        <ChartLoadBoundary>
          {/* The drawing repeats the table below; assistive technology reads the table. */}
          <Box h="100%" aria-hidden>
            <Suspense fallback={<Skeleton h="100%" />}>{children}</Suspense>
          </Box>
        </ChartLoadBoundary>
      </Box>
      <VisuallyHidden>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              {data.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row, rowIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of a figure's data are positional
              <tr key={rowIndex}>
                {row.map((cell, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of a row are positional
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </Box>
  );
}
