import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { LicensesRow } from '../../../contract/reports';
import { ChartFrame } from './chart-frame';
import { barTooltipProps, chartProps, countYAxisProps, gridProps, legendProps, xAxisProps } from './chart-props';
import { seriesColors } from './chart-style';
import { formatCount, formatDays } from './report-format';

/** Seats purchased, assigned and used per subscription. */
export function LicensesChart({ rows, usedWithinDays }: { rows: LicensesRow[]; usedWithinDays: number }) {
  const seats = rows.reduce((sum, row) => sum + row.seats, 0);
  const assigned = rows.reduce((sum, row) => sum + row.assigned, 0);
  const used = rows.reduce((sum, row) => sum + row.used, 0);
  const usedLabel = `Used (last ${formatDays(usedWithinDays)})`;
  return (
    <ChartFrame
      title="Seats per subscription"
      summary={`${formatCount(seats)} seats purchased, ${formatCount(assigned)} assigned, ${formatCount(used)} used in the last ${formatDays(usedWithinDays)}.`}
      data={{
        columns: ['Subscription', 'Purchased', 'Assigned', usedLabel],
        rows: rows.map((row) => [row.appName, row.seats, row.assigned, row.used]),
      }}
    >
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
    </ChartFrame>
  );
}
