import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import { barTooltipProps, chartProps, countYAxisProps, dayLabel, dayXAxisProps, gridProps } from './chart-props';
import { seriesColors } from './chart-style';
import { formatCount, formatDay } from './report-format';

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
      <BarChart data={series} {...chartProps}>
        <CartesianGrid {...gridProps} />
        <XAxis {...dayXAxisProps} />
        <YAxis {...countYAxisProps('Failed attempts')} />
        <Tooltip {...barTooltipProps} labelFormatter={dayLabel} />
        <Bar maxBarSize={64} dataKey="failed" name="Failed" fill={seriesColors.failed} radius={[2, 2, 0, 0]} />
      </BarChart>
    </ChartFrame>
  );
}
