import type { OverviewResponse } from '../../../contract/reports';
import { ChartFrame } from '../reports/chart-frame';
import { seriesColors } from '../reports/chart-style';
import { lazyDrawing } from '../reports/lazy-drawing';
import { formatCount } from '../reports/report-format';
import type { SeatsBar } from './seats-chart-drawing';

const SeatsChartDrawing = lazyDrawing(async () => (await import('./seats-chart-drawing')).SeatsChartDrawing);

const HEIGHT = 120;

/** Three horizontal bars on one scale: purchased, assigned, used in the last 30 days. */
export function SeatsChart({ seats }: { seats: OverviewResponse['seats'] }) {
  const bars: SeatsBar[] = [
    { label: 'Purchased', value: seats.purchased, color: seriesColors.purchased },
    { label: 'Assigned', value: seats.assigned, color: seriesColors.assigned },
    { label: 'Used (30 days)', value: seats.usedLast30Days, color: seriesColors.used },
  ];
  return (
    <ChartFrame
      title="Seats purchased, assigned and used in the last 30 days"
      titleHidden
      summary={`${formatCount(seats.assigned)} of ${formatCount(seats.purchased)} seats assigned; ${formatCount(seats.usedLast30Days)} used in the last 30 days.`}
      data={{ columns: ['Seats', 'Count'], rows: bars.map((bar) => [bar.label, bar.value]) }}
      height={HEIGHT}
    >
      <SeatsChartDrawing bars={bars} height={HEIGHT} />
    </ChartFrame>
  );
}
