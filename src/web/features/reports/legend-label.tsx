import type { ReactNode } from 'react';

/** Legend text in the page's text colour: a pale series colour (grey "Purchased") would be hard to read. */
export function legendLabel(value: ReactNode): ReactNode {
  return <span style={{ color: 'var(--mantine-color-text)' }}>{value}</span>;
}
