import type { DenialsDay } from '../../../contract/reports';
import { ChartFrame } from './chart-frame';
import { DENIAL_REASONS } from './denial-reasons';
import { lazyDrawing } from './lazy-drawing';
import { formatCount, formatDay } from './report-format';

const DenialsChartDrawing = lazyDrawing(async () => (await import('./denials-chart-drawing')).DenialsChartDrawing);

/** Refused seat requests per day, stacked by reason. */
export function DenialsChart({ series }: { series: DenialsDay[] }) {
  const total = series.reduce((sum, day) => sum + DENIAL_REASONS.reduce((n, reason) => n + day[reason.key], 0), 0);
  return (
    <ChartFrame
      title="Denials per day, by reason"
      summary={`${formatCount(total)} refused seat ${total === 1 ? 'request' : 'requests'} in ${series.length} ${series.length === 1 ? 'day' : 'days'}.`}
      data={{
        columns: ['Day', ...DENIAL_REASONS.map((reason) => reason.label)],
        rows: series.map((day) => [formatDay(day.day), ...DENIAL_REASONS.map((reason) => day[reason.key])]),
      }}
    >
      <DenialsChartDrawing series={series} />
    </ChartFrame>
  );
}
