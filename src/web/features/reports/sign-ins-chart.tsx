import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import {
  axisLabelStyle,
  axisLine,
  axisTick,
  gridStroke,
  legendStyle,
  seriesColors,
  tooltipContentStyle,
  tooltipCursor,
} from './chart-style';
import { legendLabel } from './legend-label';
import { formatCount, formatDay, formatDayShort } from './report-format';
import type { DaySignIns } from './reports.types';

interface SignInsChartProps {
  series: DaySignIns[];
  title?: string;
  height?: number;
  titleHidden?: boolean;
}

/** Successful and failed sign-ins per day, stacked. */
export function SignInsChart({ series, title = 'Sign-ins per day', height, titleHidden }: SignInsChartProps) {
  const successful = series.reduce((sum, day) => sum + day.successful, 0);
  const failed = series.reduce((sum, day) => sum + day.failed, 0);
  const first = series[0];
  const last = series.at(-1);
  const period = first && last ? ` from ${formatDay(first.day)} to ${formatDay(last.day)}` : '';
  return (
    <ChartFrame
      title={title}
      summary={`${formatCount(successful)} successful and ${formatCount(failed)} failed sign-ins${period}.`}
      data={{
        columns: ['Day', 'Successful', 'Failed'],
        rows: series.map((day) => [formatDay(day.day), day.successful, day.failed]),
      }}
      height={height}
      titleHidden={titleHidden}
    >
      <BarChart data={series} margin={{ top: 8, right: 8, bottom: 16, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={gridStroke} strokeDasharray="3 3" />
        <XAxis
          dataKey="day"
          tickFormatter={(day: string) => formatDayShort(day)}
          tick={axisTick}
          axisLine={axisLine}
          tickLine={false}
          minTickGap={24}
          label={{ value: 'Day', position: 'insideBottom', offset: -12, style: axisLabelStyle }}
        />
        <YAxis
          allowDecimals={false}
          tick={axisTick}
          axisLine={false}
          tickLine={false}
          width={48}
          label={{ value: 'Sign-ins', angle: -90, position: 'insideLeft', style: axisLabelStyle }}
        />
        <Tooltip
          separator=": "
          contentStyle={tooltipContentStyle}
          cursor={tooltipCursor}
          labelFormatter={(day) => formatDay(String(day))}
          formatter={(value) => formatCount(Number(value))}
        />
        <Legend
          itemSorter={null}
          formatter={legendLabel}
          wrapperStyle={legendStyle}
          verticalAlign="top"
          align="right"
        />
        <Bar maxBarSize={64} dataKey="successful" name="Successful" stackId="sign-ins" fill={seriesColors.successful} />
        <Bar
          maxBarSize={64}
          dataKey="failed"
          name="Failed"
          stackId="sign-ins"
          fill={seriesColors.failed}
          radius={[2, 2, 0, 0]}
        />
      </BarChart>
    </ChartFrame>
  );
}
