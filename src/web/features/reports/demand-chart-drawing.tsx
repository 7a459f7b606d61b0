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
} from './chart-props';
import { seriesColors, themeColor } from './chart-style';

/** Series names in the text colour: the series' own colours are too pale on white to read (axe). */
const readableItem = { color: 'var(--mantine-color-text)' };

/** DemandChart's picture: a bar per day (its busiest hour's seats in use), the seats owned as a step line. */
export function DemandChartDrawing({ series }: { series: DemandDay[] }) {
  return (
    <ChartCanvas>
      <ComposedChart data={series} {...chartProps}>
        <CartesianGrid {...gridProps} />
        <XAxis {...dayXAxisProps} />
        <YAxis {...countYAxisProps('Seats')} />
        <Tooltip {...barTooltipProps} labelFormatter={dayLabel} itemStyle={readableItem} />
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
