import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { DeactivationsMonth } from '../../../contract/reports';
import type { DeactivationReason } from '../../../contract/users';
import { deactivationReasonLabel } from '../users/deactivation-reasons';
import { ChartFrame } from './chart-frame';
import {
  barTooltipProps,
  chartProps,
  countYAxisProps,
  gridProps,
  legendProps,
  monthLabel,
  xAxisProps,
} from './chart-props';
import { themeColor } from './chart-style';
import { pivotDeactivations } from './deactivations-series';
import { formatCount, formatMonth } from './report-format';

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
      <BarChart data={months} {...chartProps}>
        <CartesianGrid {...gridProps} />
        <XAxis
          {...xAxisProps('month', 'Month')}
          tickFormatter={(month: string) => formatMonth(month)}
          minTickGap={16}
        />
        <YAxis {...countYAxisProps('Users')} />
        <Tooltip {...barTooltipProps} labelFormatter={monthLabel} />
        <Legend {...legendProps} />
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
