import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { DaySignIns } from '../../../contract/reports';
import { ChartCanvas } from './chart-canvas';
import {
  barTooltipProps,
  chartProps,
  countYAxisProps,
  dayLabel,
  dayXAxisProps,
  gridProps,
  legendProps,
} from './chart-props';
import { seriesColors } from './chart-style';

/** SignInsChart's picture: successful and failed sign-ins per day, stacked. */
export function SignInsChartDrawing({ series, height }: { series: DaySignIns[]; height?: number }) {
  return (
    <ChartCanvas height={height}>
      <BarChart data={series} {...chartProps}>
        <CartesianGrid {...gridProps} />
        <XAxis {...dayXAxisProps} />
        <YAxis {...countYAxisProps('Sign-ins')} />
        <Tooltip {...barTooltipProps} labelFormatter={dayLabel} />
        <Legend {...legendProps} />
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
    </ChartCanvas>
  );
}
