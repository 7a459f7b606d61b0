import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from './chart-frame';
import {
  axisLabelStyle,
  axisLine,
  axisTick,
  gridStroke,
  legendStyle,
  seriesColors,
  tooltipContentStyle,
  tooltipCursor,
} from './chart-style';
import { legendLabel } from './legend-label';
import { formatCount } from './report-format';
import type { LicensesRow } from './reports.types';

/** Seats purchased, assigned and used per subscription. */
export function LicensesChart({ rows, usedWithinDays }: { rows: LicensesRow[]; usedWithinDays: number }) {
  const seats = rows.reduce((sum, row) => sum + row.seats, 0);
  const assigned = rows.reduce((sum, row) => sum + row.assigned, 0);
  const used = rows.reduce((sum, row) => sum + row.used, 0);
  const usedLabel = `Used (last ${usedWithinDays} days)`;
  return (
    <ChartFrame
      title="Seats per subscription"
      summary={`${formatCount(seats)} seats purchased, ${formatCount(assigned)} assigned, ${formatCount(used)} used in the last ${usedWithinDays} days.`}
      data={{
        columns: ['Subscription', 'Purchased', 'Assigned', usedLabel],
        rows: rows.map((row) => [row.appName, row.seats, row.assigned, row.used]),
      }}
    >
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 16, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={gridStroke} strokeDasharray="3 3" />
        <XAxis
          dataKey="appName"
          tick={axisTick}
          axisLine={axisLine}
          tickLine={false}
          interval={0}
          label={{ value: 'Subscription', position: 'insideBottom', offset: -12, style: axisLabelStyle }}
        />
        <YAxis
          allowDecimals={false}
          tick={axisTick}
          axisLine={false}
          tickLine={false}
          width={48}
          label={{ value: 'Seats', angle: -90, position: 'insideLeft', style: axisLabelStyle }}
        />
        <Tooltip
          separator=": "
          contentStyle={tooltipContentStyle}
          cursor={tooltipCursor}
          formatter={(value) => formatCount(Number(value))}
        />
        <Legend
          itemSorter={null}
          formatter={legendLabel}
          wrapperStyle={legendStyle}
          verticalAlign="top"
          align="right"
        />
        <Bar maxBarSize={64} dataKey="seats" name="Purchased" fill={seriesColors.purchased} radius={[2, 2, 0, 0]} />
        <Bar maxBarSize={64} dataKey="assigned" name="Assigned" fill={seriesColors.assigned} radius={[2, 2, 0, 0]} />
        <Bar maxBarSize={64} dataKey="used" name={usedLabel} fill={seriesColors.used} radius={[2, 2, 0, 0]} />
      </BarChart>
    </ChartFrame>
  );
}
