import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { AppUsageApp } from '../../../contract/reports';
import { ChartFrame } from './chart-frame';
import { barTooltipProps, chartProps, countYAxisProps, gridProps, legendProps, xAxisProps } from './chart-props';
import { axisLabelStyle, axisTick, seriesColors } from './chart-style';
import { formatCount, formatHours } from './report-format';

/** Per app: active users (left axis) and hours of use (right axis). */
export function AppUsageAppsChart({ apps }: { apps: AppUsageApp[] }) {
  const top = [...apps].sort((a, b) => b.hours - a.hours)[0];
  const summary = top
    ? `${apps.length} ${apps.length === 1 ? 'app' : 'apps'} used; the most used is ${top.appName} with ${formatHours(top.hours)} by ${formatCount(top.activeUsers)} ${top.activeUsers === 1 ? 'user' : 'users'}.`
    : 'No app was used in this period.';
  return (
    <ChartFrame
      title="Usage per app"
      summary={summary}
      data={{
        columns: ['App', 'Active users', 'Sessions', 'Hours'],
        rows: apps.map((app) => [app.appName, app.activeUsers, app.sessions, formatHours(app.hours)]),
      }}
    >
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
    </ChartFrame>
  );
}
