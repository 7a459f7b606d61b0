import { darken, luminance, type MantineColorsTuple } from '@mantine/core';

/** WCAG 2.x AA for normal-size text (1.4.3); also more than the 3:1 that 1.4.11 asks of controls and focus rings. */
export const AA_TEXT = 4.5;

/** WCAG's contrast ratio, 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * `color` itself when it reads at `minimum` on every one of `backgrounds`, otherwise the lightest
 * darkening of it (mixed with black, 1 % at a time) that does: the same hue, only as dark as needed.
 */
export function readableOn(color: string, backgrounds: string[], minimum = AA_TEXT): string {
  for (let amount = 0; amount <= 1; amount += 0.01) {
    const candidate = amount === 0 ? color : darken(color, amount);
    if (backgrounds.every((background) => contrastRatio(candidate, background) >= minimum)) return candidate;
  }
  return '#000000';
}

/**
 * The light-scheme variables of one theme colour that carry text or a control's edge, made to pass AA.
 * Mantine's defaults (shade 6 for filled, outline and text; shade 9 on shade 1 for the light variant)
 * fall below 4.5:1 for most colours: blue.6 is 3.6:1 on white, orange.6 2.6:1, teal.9 on teal.1 4.3:1.
 * `surfaces` are the light backgrounds such text sits on (white, striped and hovered table rows).
 */
export function readableColorVariables(
  name: string,
  shades: MantineColorsTuple,
  surfaces: string[],
): Record<string, string> {
  const ink = readableOn(shades[6], [...surfaces, '#ffffff']);
  const lightInk = readableOn(shades[9], [shades[1], shades[2]]);
  return {
    [`--mantine-color-${name}-filled`]: ink,
    // Hovered filled buttons get darker still, so white on them keeps its contrast.
    [`--mantine-color-${name}-filled-hover`]: darken(ink, 0.12),
    [`--mantine-color-${name}-outline`]: ink,
    [`--mantine-color-${name}-light-color`]: lightInk,
  };
}
