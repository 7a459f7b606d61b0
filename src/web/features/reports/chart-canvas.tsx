import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';
import { CHART_HEIGHT } from './chart-props';

/** A Recharts chart drawn at the width of its ChartFrame and the height the frame keeps for it. */
export function ChartCanvas({ height = CHART_HEIGHT, children }: { height?: number; children: ReactElement }) {
  return (
    <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 600, height }}>
      {children}
    </ResponsiveContainer>
  );
}
