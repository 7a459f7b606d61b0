import { type CSSVariablesResolver, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
});

/**
 * Secondary text (`c="dimmed"`, input descriptions) everywhere: Mantine's default in the light
 * scheme is gray.6, 3.3:1 on white, below WCAG AA's 4.5:1 for small text; gray.7 is 5.7:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = (mantine) => ({
  variables: {},
  light: { '--mantine-color-dimmed': mantine.colors.gray[7] ?? '#495057' },
  dark: {},
});
