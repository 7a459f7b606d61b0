import { useMantineTheme, useMatches } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/**
 * The breakpoint below which the console lays out for phones (Mantine's `sm`, 48em = 768px): wide
 * tables drop their secondary columns (`visibleFrom={WIDE_FROM}`), and filters fold behind a button.
 */
export const WIDE_FROM = 'sm';

// Read at the first render, not after it: a desktop page must not paint its phone layout first.
const AT_ONCE = { getInitialValueInEffect: false };

/** Whether the window is narrower than `WIDE_FROM`. */
export function useIsPhone(): boolean {
  const theme = useMantineTheme();
  return !useMediaQuery(`(min-width: ${theme.breakpoints[WIDE_FROM]})`, true, AT_ONCE);
}

/**
 * A table's minimum width from `sm` up, where all its columns show (narrower, it scrolls inside its
 * container); 0 on phones, where only its main columns show and it fits the screen.
 */
export function useWideTableMinWidth(minWidth: number): number {
  return useMatches({ base: 0, sm: minWidth }, AT_ONCE);
}
