import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { LicensesRow } from '../../../contract/reports';
import { ChartCanvas } from './chart-canvas';
import { barTooltipProps, chartProps, countYAxisProps, gridProps, legendProps, xAxisProps } from './chart-props';
import { seriesColors } from './chart-style';

/** LicensesChart's picture: purchased, assigned and used seats side by side per subscription. */
export function LicensesChartDrawing({ rows, usedLabel }: { rows: LicensesRow[]; usedLabel: string }) {
  return (
    <ChartCanvas>
      <BarChart data={rows} {...chartProps}>
        <CartesianGrid {...gridProps} />
        <XAxis {...xAxisProps('appName', 'Subscription')} interval={0} />
        <YAxis {...countYAxisProps('Seats')} />
        <Tooltip {...barTooltipProps} />
        <Legend {...legendProps} />
        <Bar maxBarSize={64} dataKey="seats" name="Purchased" fill={seriesColors.purchased} radius={[2, 2, 0, 0]} />
        <Bar maxBarSize={64} dataKey="assigned" name="Assigned" fill={seriesColors.assigned} radius={[2, 2, 0, 0]} />
        <Bar maxBarSize={64} dataKey="used" name={usedLabel} fill={seriesColors.used} radius={[2, 2, 0, 0]} />
      </BarChart>
    </ChartCanvas>
  );
}
