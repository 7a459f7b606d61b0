import { Box, Text, VisuallyHidden } from '@mantine/core';
import { type ReactElement, useId } from 'react';
import { ResponsiveContainer } from 'recharts';

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
  /** A Recharts chart, drawn at the frame's width. */
  children: ReactElement;
}

/** A chart with its title, a summary in words and its data as a visually hidden table. */
export function ChartFrame({ title, summary, data, height = 260, titleHidden = false, children }: ChartFrameProps) {
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
      {/* The drawing repeats the table below; assistive technology reads the table. */}
      <Box h={height} mt="sm" aria-hidden>
        <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 600, height }}>
          {children}
        </ResponsiveContainer>
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
