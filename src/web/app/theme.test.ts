import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { AA_TEXT, contrastRatio, readableOn } from './readable-colors';
import { cssVariablesResolver, theme } from './theme';

const merged = mergeMantineTheme(DEFAULT_THEME, theme);
const light = cssVariablesResolver(merged).light as Record<string, string>;
const WHITE = '#ffffff';
const { gray } = merged.colors;

describe('the light theme meets WCAG AA contrast', () => {
  const colors = Object.keys(merged.colors).filter((name) => name !== 'dark');

  it.each(colors)('%s: white on filled, text and outlines on white and on table rows, light variants', (name) => {
    const shades = merged.colors[name] ?? [];
    const filled = light[`--mantine-color-${name}-filled`] ?? '';
    for (const surface of [WHITE, gray[0], gray[1]])
      expect(contrastRatio(filled, surface)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(WHITE, light[`--mantine-color-${name}-filled-hover`] ?? '')).toBeGreaterThanOrEqual(AA_TEXT);
    const lightColor = light[`--mantine-color-${name}-light-color`] ?? '';
    for (const background of [shades[1] ?? '', shades[2] ?? '']) {
      expect(contrastRatio(lightColor, background)).toBeGreaterThanOrEqual(AA_TEXT);
    }
  });

  it('dimmed text and placeholders read on white and on gray.1, placeholders lighter than typed text', () => {
    const placeholder = light['--mantine-color-placeholder'] ?? '';
    for (const surface of [WHITE, gray[1]]) {
      expect(contrastRatio(light['--mantine-color-dimmed'] ?? '', surface)).toBeGreaterThanOrEqual(AA_TEXT);
      expect(contrastRatio(placeholder, surface)).toBeGreaterThanOrEqual(AA_TEXT);
    }
    expect(contrastRatio(placeholder, WHITE)).toBeLessThan(contrastRatio(merged.black, WHITE));
  });

  it('keeps a colour that already passes and darkens one that does not only as far as needed', () => {
    expect(readableOn('#1864ab', [WHITE])).toBe('#1864ab');
    const darkened = readableOn('#228be6', [WHITE]);
    expect(contrastRatio(darkened, WHITE)).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrastRatio(darkened, WHITE)).toBeLessThan(AA_TEXT + 0.3);
  });
});
