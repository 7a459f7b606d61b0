import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActiveUsersDay } from '../../../contract/reports';
import { ChartFrame } from './chart-frame';
import {
  chartProps,
  countYAxisProps,
  dayLabel,
  dayXAxisProps,
  gridProps,
  legendProps,
  tooltipProps,
} from './chart-props';
import { seriesColors } from './chart-style';
import { formatCount, formatDay } from './report-format';

const lines = [
  { key: 'dau', name: 'Daily' },
  { key: 'wau', name: 'Weekly (7 days)' },
  { key: 'mau', name: 'Monthly (30 days)' },
] as const;

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
        columns: ['Day', ...lines.map((line) => `${line.name} active users`)],
        rows: series.map((day) => [formatDay(day.day), day.dau, day.wau, day.mau]),
      }}
    >
      <LineChart data={series} {...chartProps}>
        <CartesianGrid {...gridProps} />
        <XAxis {...dayXAxisProps} />
        <YAxis {...countYAxisProps('Users')} />
        <Tooltip {...tooltipProps} labelFormatter={dayLabel} />
        <Legend {...legendProps} />
        {lines.map((line) => (
          <Line
            key={line.key}
            type="monotone"
            dataKey={line.key}
            name={line.name}
            stroke={seriesColors[line.key]}
            strokeWidth={2}
            dot={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
