import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { DemandDay } from '../../../contract/reports';
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
import { seriesColors, themeColor } from './chart-style';

/** DemandChart's picture: a bar per day (its busiest hour's seats in use), the seats owned as a step line. */
export function DemandChartDrawing({ series }: { series: DemandDay[] }) {
  return (
    <ChartCanvas>
      <ComposedChart data={series} {...chartProps}>
        <CartesianGrid {...gridProps} />
        <XAxis {...dayXAxisProps} />
        <YAxis {...countYAxisProps('Seats')} />
        <Tooltip {...barTooltipProps} labelFormatter={dayLabel} itemStyle={readableTooltipItem} />
        <Legend {...legendProps} />
        <Bar maxBarSize={32} dataKey="peak" name="Peak in use" fill={seriesColors.used} radius={[2, 2, 0, 0]} />
        <Line
          type="stepAfter"
          dataKey="seats"
          name="Seats owned"
          stroke={themeColor('red.6')}
          strokeWidth={2}
          dot={false}
        />
      </ComposedChart>
    </ChartCanvas>
  );
}
