import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { DaySignIns } from '../../../contract/reports';
import { ChartFrame } from './chart-frame';
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
import { formatCount, formatDay } from './report-format';

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
    </ChartFrame>
  );
}
