import type { ActiveUsersDay } from '../../../contract/reports';
import { ACTIVE_USERS_LINES } from './active-users-lines';
import { ChartFrame } from './chart-frame';
import { lazyDrawing } from './lazy-drawing';
import { formatCount, formatDay } from './report-format';

const ActiveUsersChartDrawing = lazyDrawing(
  async () => (await import('./active-users-chart-drawing')).ActiveUsersChartDrawing,
);

/** DAU, WAU and MAU per day: distinct users that day, and in the 7 and 30 days ending that day. */
export function ActiveUsersChart({ series }: { series: ActiveUsersDay[] }) {
  const last = series.at(-1);
  const summary = last
    ? `On ${formatDay(last.day)}: ${formatCount(last.dau)} daily, ${formatCount(last.wau)} weekly and ${formatCount(last.mau)} monthly active users.`
    : 'No days in this period.';
  return (
    <ChartFrame
      title="Active users over time"
      summary={summary}
      data={{
        columns: ['Day', ...ACTIVE_USERS_LINES.map((line) => `${line.name} active users`)],
        rows: series.map((day) => [formatDay(day.day), day.dau, day.wau, day.mau]),
      }}
    >
      <ActiveUsersChartDrawing series={series} />
    </ChartFrame>
  );
}
