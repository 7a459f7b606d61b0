import type { DaySignIns } from '../../../contract/reports';
import { ChartFrame } from './chart-frame';
import { lazyDrawing } from './lazy-drawing';
import { formatCount, formatDay } from './report-format';

const SignInsChartDrawing = lazyDrawing(async () => (await import('./sign-ins-chart-drawing')).SignInsChartDrawing);

interface SignInsChartProps {
  series: DaySignIns[];
  title?: string;
  height?: number;
  titleHidden?: boolean;
}

/** Successful and failed sign-ins per day, stacked. */
export function SignInsChart({ series, title = 'Sign-ins per day', height, titleHidden }: SignInsChartProps) {
  const successful = series.reduce((sum, day) => sum + day.successful, 0);
  const failed = series.reduce((sum, day) => sum + day.failed, 0);
  const first = series[0];
  const last = series.at(-1);
  const period = first && last ? ` from ${formatDay(first.day)} to ${formatDay(last.day)}` : '';
  return (
    <ChartFrame
      title={title}
      summary={`${formatCount(successful)} successful and ${formatCount(failed)} failed sign-ins${period}.`}
      data={{
        columns: ['Day', 'Successful', 'Failed'],
        rows: series.map((day) => [formatDay(day.day), day.successful, day.failed]),
      }}
      height={height}
      titleHidden={titleHidden}
    >
      <SignInsChartDrawing series={series} height={height} />
    </ChartFrame>
  );
}
