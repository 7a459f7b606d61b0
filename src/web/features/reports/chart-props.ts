import {
  axisLabelStyle,
  axisLine,
  axisTick,
  gridStroke,
  legendStyle,
  tooltipContentStyle,
  tooltipCursor,
} from './chart-style';
import { legendLabel } from './legend-label';
import { formatCount, formatDay, formatDayShort, formatMonth } from './report-format';

/** Height of a chart's drawing in px, unless a chart asks for another; kept by a skeleton while the drawing loads. */
export const CHART_HEIGHT = 260;

// The props every report chart shares, spread onto Recharts' own elements: `<XAxis {...dayXAxisProps} />`.
// Recharts' elements stay in each chart, so a chart can still set anything of its own next to them.

/** For `<BarChart>` / `<LineChart>`: room for the axis labels; ChartFrame's table is what assistive technology reads. */
export const chartProps = { margin: { top: 8, right: 8, bottom: 16, left: 8 }, accessibilityLayer: false } as const;

/** For `<CartesianGrid>`: dashed horizontal lines only. */
export const gridProps = { vertical: false, stroke: gridStroke, strokeDasharray: '3 3' } as const;

/** For `<XAxis>`: a category on each tick (`dataKey`), named under the axis. */
export function xAxisProps(dataKey: string, label: string) {
  return {
    dataKey,
    tick: axisTick,
    axisLine,
    tickLine: false,
    label: { value: label, position: 'insideBottom', offset: -12, style: axisLabelStyle },
  } as const;
}

/** For `<XAxis>`: days (YYYY-MM-DD) in the `day` field, written short. */
export const dayXAxisProps = {
  ...xAxisProps('day', 'Day'),
  tickFormatter: (day: string) => formatDayShort(day),
  minTickGap: 24,
} as const;

/** For `<YAxis>`: whole counts on the left, named along the axis. */
export function countYAxisProps(label: string) {
  return {
    allowDecimals: false,
    tick: axisTick,
    axisLine: false,
    tickLine: false,
    width: 48,
    label: { value: label, angle: -90, position: 'insideLeft', style: axisLabelStyle },
  } as const;
}

/** For `<Tooltip>`: values as counts. Line charts keep Recharts' own cursor; bar charts take `barTooltipProps`. */
export const tooltipProps = {
  separator: ': ',
  contentStyle: tooltipContentStyle,
  formatter: (value: unknown) => formatCount(Number(value)),
} as const;

/** For `<Tooltip>` over bars: a bar the pointer is on should not hide the others. */
export const barTooltipProps = { ...tooltipProps, cursor: tooltipCursor } as const;

/** Tooltip series names in the text colour: a series' own colour can be too pale on white to read (axe). */
export const readableTooltipItem = { color: 'var(--mantine-color-text)' } as const;

/** For `<Tooltip labelFormatter>`: the day (YYYY-MM-DD) written in full. */
export const dayLabel = (day: unknown) => formatDay(String(day));

/** For `<Tooltip labelFormatter>`: the month (YYYY-MM) written out. */
export const monthLabel = (month: unknown) => formatMonth(String(month));

/** For `<Legend>`: above the chart on the right, in the order the series are drawn, in the page's text colour. */
export const legendProps = {
  itemSorter: null,
  formatter: legendLabel,
  wrapperStyle: legendStyle,
  verticalAlign: 'top',
  align: 'right',
} as const;
