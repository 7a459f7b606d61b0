import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCanvas } from './chart-canvas';
import { barTooltipProps, chartProps, countYAxisProps, dayLabel, dayXAxisProps, gridProps } from './chart-props';
import { seriesColors } from './chart-style';

/** FailuresChart's picture: a bar of failed attempts per day. */
export function FailuresChartDrawing({ series }: { series: { day: string; failed: number }[] }) {
  return (
    <ChartCanvas>
      <BarChart data={series} {...chartProps}>
        <CartesianGrid {...gridProps} />
        <XAxis {...dayXAxisProps} />
        <YAxis {...countYAxisProps('Failed attempts')} />
        <Tooltip {...barTooltipProps} labelFormatter={dayLabel} />
        <Bar maxBarSize={64} dataKey="failed" name="Failed" fill={seriesColors.failed} radius={[2, 2, 0, 0]} />
      </BarChart>
    </ChartCanvas>
  );
}
