import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { AppUsageApp } from '../../../contract/reports';
import { ChartCanvas } from './chart-canvas';
import { barTooltipProps, chartProps, countYAxisProps, gridProps, legendProps, xAxisProps } from './chart-props';
import { axisLabelStyle, axisTick, seriesColors } from './chart-style';
import { formatCount, formatHours } from './report-format';

/** AppUsageAppsChart's picture: per app, active users on the left axis and hours of use on the right. */
export function AppUsageAppsChartDrawing({ apps }: { apps: AppUsageApp[] }) {
  return (
    <ChartCanvas>
      <BarChart data={apps} {...chartProps}>
        <CartesianGrid {...gridProps} />
        <XAxis {...xAxisProps('appName', 'App')} interval={0} />
        <YAxis yAxisId="users" {...countYAxisProps('Active users')} />
        <YAxis
          yAxisId="hours"
          orientation="right"
          tick={axisTick}
          axisLine={false}
          tickLine={false}
          width={56}
          label={{ value: 'Hours', angle: 90, position: 'insideRight', style: axisLabelStyle }}
        />
        <Tooltip
          {...barTooltipProps}
          formatter={(value, name) => (name === 'Hours' ? formatHours(Number(value)) : formatCount(Number(value)))}
        />
        <Legend {...legendProps} />
        <Bar
          yAxisId="users"
          dataKey="activeUsers"
          name="Active users"
          fill={seriesColors.users}
          radius={[2, 2, 0, 0]}
        />
        <Bar
          maxBarSize={64}
          yAxisId="hours"
          dataKey="hours"
          name="Hours"
          fill={seriesColors.hours}
          radius={[2, 2, 0, 0]}
        />
      </BarChart>
    </ChartCanvas>
  );
}
