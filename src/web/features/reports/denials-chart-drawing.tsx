import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { DenialsDay } from '../../../contract/reports';
import { ChartCanvas } from './chart-canvas';
import {
  barTooltipProps,
  chartProps,
  countYAxisProps,
  dayLabel,
  dayXAxisProps,
  gridProps,
  legendProps,
  readableTooltipItem,
} from './chart-props';
import { DENIAL_REASONS } from './denial-reasons';

/** DenialsChart's picture: a bar per day, stacked by reason. */
export function DenialsChartDrawing({ series }: { series: DenialsDay[] }) {
  return (
    <ChartCanvas>
      <BarChart data={series} {...chartProps}>
        <CartesianGrid {...gridProps} />
        <XAxis {...dayXAxisProps} />
        <YAxis {...countYAxisProps('Denials')} />
        <Tooltip {...barTooltipProps} labelFormatter={dayLabel} itemStyle={readableTooltipItem} />
        <Legend {...legendProps} />
        {DENIAL_REASONS.map((reason) => (
          <Bar
            key={reason.key}
            maxBarSize={32}
            dataKey={reason.key}
            name={reason.label}
            stackId="reasons"
            fill={reason.color}
          />
        ))}
      </BarChart>
    </ChartCanvas>
  );
}
