import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { DeactivationReason } from '../../../contract/users';
import { deactivationReasonLabel } from '../users/deactivation-reasons';
import { ChartCanvas } from './chart-canvas';
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
import type { DeactivationsByMonth } from './deactivations-series';
import { formatMonth } from './report-format';

const reasonColors: Record<DeactivationReason, string> = {
  no_longer_requires_access: themeColor('blue.5'),
  left_organization: themeColor('teal.5'),
  security_compliance: themeColor('orange.5'),
  license_reassignment: themeColor('violet.5'),
  policy_violation: themeColor('red.6'),
  other: themeColor('gray.5'),
};

interface DeactivationsChartDrawingProps {
  months: DeactivationsByMonth[];
  reasons: DeactivationReason[];
}

/** DeactivationsChart's picture: a bar per month, stacked by reason. */
export function DeactivationsChartDrawing({ months, reasons }: DeactivationsChartDrawingProps) {
  return (
    <ChartCanvas>
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
            name={deactivationReasonLabel(reason) ?? reason}
            stackId="reasons"
            fill={reasonColors[reason]}
          />
        ))}
      </BarChart>
    </ChartCanvas>
  );
}
