import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import {
  axisLabelStyle,
  axisLine,
  axisTick,
  gridStroke,
  legendStyle,
  seriesColors,
  tooltipContentStyle,
} from './chart-style';
import { legendLabel } from './legend-label';
import { formatCount, formatDay, formatDayShort } from './report-format';
import type { ActiveUsersDay } from './reports.types';

const lines = [
  { key: 'dau', name: 'Daily' },
  { key: 'wau', name: 'Weekly (7 days)' },
  { key: 'mau', name: 'Monthly (30 days)' },
] as const;

/** DAU, WAU and MAU per day: distinct users that day, and in the 7 and 30 days ending that day. */
export function ActiveUsersChart({ series }: { series: ActiveUsersDay[] }) {
  const last = series.at(-1);
  const summary = last
    ? `On ${formatDay(last.day)}: ${formatCount(last.dau)} daily, ${formatCount(last.wau)} weekly and ${formatCount(last.mau)} monthly active users.`
    : 'No days in this period.';
  return (
    <ChartFrame
      title="Active users over time"
      summary={summary}
      data={{
        columns: ['Day', ...lines.map((line) => `${line.name} active users`)],
        rows: series.map((day) => [formatDay(day.day), day.dau, day.wau, day.mau]),
      }}
    >
      <LineChart data={series} margin={{ top: 8, right: 8, bottom: 16, left: 8 }} accessibilityLayer={false}>
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
          label={{ value: 'Users', angle: -90, position: 'insideLeft', style: axisLabelStyle }}
        />
        <Tooltip
          separator=": "
          contentStyle={tooltipContentStyle}
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
        {lines.map((line) => (
          <Line
            key={line.key}
            type="monotone"
            dataKey={line.key}
            name={line.name}
            stroke={seriesColors[line.key]}
            strokeWidth={2}
            dot={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
