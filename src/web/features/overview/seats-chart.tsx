import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from 'recharts';
import type { OverviewResponse } from '../../../contract/reports';
import { ChartFrame } from '../reports/chart-frame';
import { axisTick, seriesColors } from '../reports/chart-style';
import { formatCount } from '../reports/report-format';

/** Three horizontal bars on one scale: purchased, assigned, used in the last 30 days. */
export function SeatsChart({ seats }: { seats: OverviewResponse['seats'] }) {
  const bars = [
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
      height={120}
    >
      <BarChart
        data={bars}
        layout="vertical"
        margin={{ top: 0, right: 40, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <XAxis type="number" hide domain={[0, Math.max(seats.purchased, seats.assigned, seats.usedLast30Days, 1)]} />
        <YAxis type="category" dataKey="label" tick={axisTick} axisLine={false} tickLine={false} width={120} />
        <Bar dataKey="value" radius={[0, 3, 3, 0]} barSize={18} isAnimationActive={false}>
          {bars.map((bar) => (
            <Cell key={bar.label} fill={bar.color} />
          ))}
          <LabelList dataKey="value" position="right" style={{ fontSize: 12, fill: 'var(--mantine-color-text)' }} />
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
