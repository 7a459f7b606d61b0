import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import {
  axisLabelStyle,
  axisLine,
  axisTick,
  gridStroke,
  seriesColors,
  tooltipContentStyle,
  tooltipCursor,
} from './chart-style';
import { formatCount, formatDay, formatDayShort } from './report-format';

interface FailuresChartProps {
  series: { day: string; failed: number }[];
}

/** Failed sign-in attempts per day. */
export function FailuresChart({ series }: FailuresChartProps) {
  const total = series.reduce((sum, day) => sum + day.failed, 0);
  const worst = series.reduce<{ day: string; failed: number } | null>(
    (top, day) => (day.failed > (top?.failed ?? 0) ? day : top),
    null,
  );
  const summary = worst
    ? `${formatCount(total)} failed attempts; the most on ${formatDay(worst.day)} (${formatCount(worst.failed)}).`
    : 'No failed attempts in this period.';
  return (
    <ChartFrame
      title="Failed sign-ins per day"
      summary={summary}
      data={{ columns: ['Day', 'Failed'], rows: series.map((day) => [formatDay(day.day), day.failed]) }}
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
          label={{ value: 'Failed attempts', angle: -90, position: 'insideLeft', style: axisLabelStyle }}
        />
        <Tooltip
          separator=": "
          contentStyle={tooltipContentStyle}
          cursor={tooltipCursor}
          labelFormatter={(day) => formatDay(String(day))}
          formatter={(value) => formatCount(Number(value))}
        />
        <Bar maxBarSize={64} dataKey="failed" name="Failed" fill={seriesColors.failed} radius={[2, 2, 0, 0]} />
      </BarChart>
    </ChartFrame>
  );
}
