import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from 'recharts';
import { ChartCanvas } from '../reports/chart-canvas';
import { axisTick } from '../reports/chart-style';

export interface SeatsBar {
  label: string;
  value: number;
  color: string;
}

/** SeatsChart's picture: horizontal bars on one scale, each with its figure at its end. */
export function SeatsChartDrawing({ bars, height }: { bars: SeatsBar[]; height: number }) {
  return (
    <ChartCanvas height={height}>
      <BarChart
        data={bars}
        layout="vertical"
        margin={{ top: 0, right: 40, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <XAxis type="number" hide domain={[0, Math.max(1, ...bars.map((bar) => bar.value))]} />
        <YAxis type="category" dataKey="label" tick={axisTick} axisLine={false} tickLine={false} width={120} />
        <Bar dataKey="value" radius={[0, 3, 3, 0]} barSize={18} isAnimationActive={false}>
          {bars.map((bar) => (
            <Cell key={bar.label} fill={bar.color} />
          ))}
          <LabelList dataKey="value" position="right" style={{ fontSize: 12, fill: 'var(--mantine-color-text)' }} />
        </Bar>
      </BarChart>
    </ChartCanvas>
  );
}
