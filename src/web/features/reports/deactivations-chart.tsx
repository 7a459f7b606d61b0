import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { deactivationReasonLabel } from '../users/deactivation-reasons';
import type { DeactivationReason } from '../users/users.types';
import { ChartFrame } from './chart-frame';
import {
  axisLabelStyle,
  axisLine,
  axisTick,
  gridStroke,
  legendStyle,
  themeColor,
  tooltipContentStyle,
  tooltipCursor,
} from './chart-style';
import { pivotDeactivations } from './deactivations-series';
import { legendLabel } from './legend-label';
import { formatCount, formatMonth } from './report-format';
import type { DeactivationsMonth } from './reports.types';

const reasonColors: Record<DeactivationReason, string> = {
  no_longer_requires_access: themeColor('blue.5'),
  left_organization: themeColor('teal.5'),
  security_compliance: themeColor('orange.5'),
  license_reassignment: themeColor('violet.5'),
  policy_violation: themeColor('red.6'),
  other: themeColor('gray.5'),
};

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
      <BarChart data={months} margin={{ top: 8, right: 8, bottom: 16, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={gridStroke} strokeDasharray="3 3" />
        <XAxis
          dataKey="month"
          tickFormatter={(month: string) => formatMonth(month)}
          tick={axisTick}
          axisLine={axisLine}
          tickLine={false}
          minTickGap={16}
          label={{ value: 'Month', position: 'insideBottom', offset: -12, style: axisLabelStyle }}
        />
        <YAxis
          allowDecimals={false}
          tick={axisTick}
          axisLine={false}
          tickLine={false}
          width={48}
          label={{ value: 'Users', angle: -90, position: 'insideLeft', style: axisLabelStyle }}
        />
        <Tooltip
          separator=": "
          contentStyle={tooltipContentStyle}
          cursor={tooltipCursor}
          labelFormatter={(month) => formatMonth(String(month))}
          formatter={(value) => formatCount(Number(value))}
        />
        <Legend
          itemSorter={null}
          formatter={legendLabel}
          wrapperStyle={legendStyle}
          verticalAlign="top"
          align="right"
        />
        {reasons.map((reason) => (
          <Bar
            maxBarSize={64}
            key={reason}
            dataKey={reason}
            name={label(reason)}
            stackId="reasons"
            fill={reasonColors[reason]}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
