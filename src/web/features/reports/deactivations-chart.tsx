import type { DeactivationsMonth } from '../../../contract/reports';
import type { DeactivationReason } from '../../../contract/users';
import { deactivationReasonLabel } from '../users/deactivation-reasons';
import { ChartFrame } from './chart-frame';
import { pivotDeactivations } from './deactivations-series';
import { lazyDrawing } from './lazy-drawing';
import { formatCount, formatMonth } from './report-format';

const DeactivationsChartDrawing = lazyDrawing(
  async () => (await import('./deactivations-chart-drawing')).DeactivationsChartDrawing,
);

interface DeactivationsChartProps {
  series: DeactivationsMonth[];
  from: string;
  to: string;
}

/** Deactivations per month, stacked by reason. */
export function DeactivationsChart({ series, from, to }: DeactivationsChartProps) {
  const { months, reasons } = pivotDeactivations(series, from, to);
  const total = series.reduce((sum, item) => sum + item.count, 0);
  const label = (reason: DeactivationReason) => deactivationReasonLabel(reason) ?? reason;
  return (
    <ChartFrame
      title="Deactivations per month, by reason"
      summary={`${formatCount(total)} ${total === 1 ? 'deactivation' : 'deactivations'} in ${months.length} ${months.length === 1 ? 'month' : 'months'}.`}
      data={{
        columns: ['Month', ...reasons.map(label)],
        rows: months.map((entry) => [formatMonth(entry.month), ...reasons.map((reason) => entry[reason] ?? 0)]),
      }}
    >
      <DeactivationsChartDrawing months={months} reasons={reasons} />
    </ChartFrame>
  );
}
