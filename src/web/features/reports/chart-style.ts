import type { CSSProperties } from 'react';

// Recharts draws with Mantine's theme through its CSS variables, so charts follow the theme's palette.

/** `teal.6` → `var(--mantine-color-teal-6)` */
export function themeColor(name: string): string {
  const [color, shade] = name.split('.');
  return shade ? `var(--mantine-color-${color}-${shade})` : `var(--mantine-color-${color}-filled)`;
}

export const seriesColors = {
  successful: themeColor('teal.6'),
  failed: themeColor('red.6'),
  dau: themeColor('blue.6'),
  wau: themeColor('violet.5'),
  mau: themeColor('orange.5'),
  purchased: themeColor('gray.4'),
  assigned: themeColor('blue.6'),
  used: themeColor('teal.6'),
  hours: themeColor('indigo.4'),
  users: themeColor('blue.6'),
};

export const axisTick = { fontSize: 12, fill: 'var(--mantine-color-dimmed)' };
export const axisLine = { stroke: 'var(--mantine-color-gray-4)' };
export const gridStroke = 'var(--mantine-color-gray-3)';
export const axisLabelStyle = { fontSize: 12, fill: 'var(--mantine-color-dimmed)' };

export const tooltipContentStyle: CSSProperties = {
  background: 'var(--mantine-color-body)',
  border: '1px solid var(--mantine-color-gray-3)',
  borderRadius: 'var(--mantine-radius-sm)',
  boxShadow: 'var(--mantine-shadow-sm)',
  fontSize: 'var(--mantine-font-size-sm)',
};

export const legendStyle: CSSProperties = { fontSize: 'var(--mantine-font-size-sm)' };

/** A bar or line the pointer is on should not hide the others. */
export const tooltipCursor = { fill: 'var(--mantine-color-gray-1)' };
