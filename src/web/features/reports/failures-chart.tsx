import { ChartFrame } from './chart-frame';
import { lazyDrawing } from './lazy-drawing';
import { formatCount, formatDay } from './report-format';

const FailuresChartDrawing = lazyDrawing(async () => (await import('./failures-chart-drawing')).FailuresChartDrawing);

interface FailuresChartProps {
  series: { day: string; failed: number }[];
}

/** Failed sign-in attempts per day. */
export function FailuresChart({ series }: FailuresChartProps) {
  const total = series.reduce((sum, day) => sum + day.failed, 0);
  const worst = series.reduce<{ day: string; failed: number } | null>(
    (top, day) => (day.failed > (top?.failed ?? 0) ? day : top),
    null,
  );
  const summary = worst
    ? `${formatCount(total)} failed attempts; the most on ${formatDay(worst.day)} (${formatCount(worst.failed)}).`
    : 'No failed attempts in this period.';
  return (
    <ChartFrame
      title="Failed sign-ins per day"
      summary={summary}
      data={{ columns: ['Day', 'Failed'], rows: series.map((day) => [formatDay(day.day), day.failed]) }}
    >
      <FailuresChartDrawing series={series} />
    </ChartFrame>
  );
}
