import type { LicensesRow } from '../../../contract/reports';
import { ChartFrame } from './chart-frame';
import { lazyDrawing } from './lazy-drawing';
import { formatCount, formatDays } from './report-format';

const LicensesChartDrawing = lazyDrawing(async () => (await import('./licenses-chart-drawing')).LicensesChartDrawing);

/** Seats purchased, assigned and used per subscription. */
export function LicensesChart({ rows, usedWithinDays }: { rows: LicensesRow[]; usedWithinDays: number }) {
  const seats = rows.reduce((sum, row) => sum + row.seats, 0);
  const assigned = rows.reduce((sum, row) => sum + row.assigned, 0);
  const used = rows.reduce((sum, row) => sum + row.used, 0);
  const usedLabel = `Used (last ${formatDays(usedWithinDays)})`;
  return (
    <ChartFrame
      title="Seats per subscription"
      summary={`${formatCount(seats)} seats purchased, ${formatCount(assigned)} assigned, ${formatCount(used)} used in the last ${formatDays(usedWithinDays)}.`}
      data={{
        columns: ['Subscription', 'Purchased', 'Assigned', usedLabel],
        rows: rows.map((row) => [row.appName, row.seats, row.assigned, row.used]),
      }}
    >
      <LicensesChartDrawing rows={rows} usedLabel={usedLabel} />
    </ChartFrame>
  );
}
