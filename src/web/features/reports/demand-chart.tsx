import type { DemandDay, DemandRow } from '../../../contract/reports';
import { ChartFrame } from './chart-frame';
import { lazyDrawing } from './lazy-drawing';
import { formatCount, formatDay } from './report-format';

const DemandChartDrawing = lazyDrawing(async () => (await import('./demand-chart-drawing')).DemandChartDrawing);

/** One subscription's busiest hour of each day against the seats it owned. */
export function DemandChart({ row, series }: { row: DemandRow; series: DemandDay[] }) {
  const atCapacity = series.filter((day) => day.peak >= day.seats).length;
  return (
    <ChartFrame
      title={`${row.appName}: peak seats in use per day`}
      summary={`Peak ${formatCount(row.peakInUse)} of ${formatCount(row.seats)} seats; ${formatCount(atCapacity)} ${atCapacity === 1 ? 'day' : 'days'} reached capacity.`}
      data={{
        columns: ['Day', 'Peak in use', 'Seats owned', 'Hours at capacity', 'Turned away'],
        rows: series.map((day) => [formatDay(day.day), day.peak, day.seats, day.hoursAtCapacity, day.turnedAway]),
      }}
    >
      <DemandChartDrawing series={series} />
    </ChartFrame>
  );
}
