import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActiveUsersDay } from '../../../contract/reports';
import { ACTIVE_USERS_LINES } from './active-users-lines';
import { ChartCanvas } from './chart-canvas';
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

/** ActiveUsersChart's picture: a line each for daily, weekly and monthly active users. */
export function ActiveUsersChartDrawing({ series }: { series: ActiveUsersDay[] }) {
  return (
    <ChartCanvas>
      <LineChart data={series} {...chartProps}>
        <CartesianGrid {...gridProps} />
        <XAxis {...dayXAxisProps} />
        <YAxis {...countYAxisProps('Users')} />
        <Tooltip {...tooltipProps} labelFormatter={dayLabel} />
        <Legend {...legendProps} />
        {ACTIVE_USERS_LINES.map((line) => (
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
    </ChartCanvas>
  );
}
