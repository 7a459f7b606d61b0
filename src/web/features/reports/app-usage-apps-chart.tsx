import type { AppUsageApp } from '../../../contract/reports';
import { ChartFrame } from './chart-frame';
import { lazyDrawing } from './lazy-drawing';
import { formatCount, formatHours } from './report-format';

const AppUsageAppsChartDrawing = lazyDrawing(
  async () => (await import('./app-usage-apps-chart-drawing')).AppUsageAppsChartDrawing,
);

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
      <AppUsageAppsChartDrawing apps={apps} />
    </ChartFrame>
  );
}
