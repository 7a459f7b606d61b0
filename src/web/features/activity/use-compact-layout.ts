import { useMediaQuery } from '@mantine/hooks';

/** Phones and narrow windows: filters behind a button, cards instead of the table, the detail full screen. */
const COMPACT = '(max-width: 48em)';

/** Whether the activity lists lay out for a narrow window; read at the first render, so a desktop never paints the phone layout first. */
export function useCompactLayout(): boolean {
  return useMediaQuery(COMPACT, false, { getInitialValueInEffect: false });
}
