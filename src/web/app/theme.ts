import {
  Anchor,
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  Drawer,
  Modal,
  Notification,
} from '@mantine/core';
import { readableColorVariables, readableOn } from './readable-colors';

export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  components: {
    // Links inside running text must differ from it by more than colour (WCAG 1.4.1); an underline
    // on every link is the one rule that cannot miss a case.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // Mantine's close buttons (an icon) have no accessible name of their own (axe: button-name).
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } } }),
  },
});

const { gray } = DEFAULT_THEME.colors;
/** Where text sits in the light scheme: white, striped table rows (gray.0), hovered rows (gray.1). */
const SURFACES = [gray[0], gray[1]];

/**
 * Every colour's text, filled, outline and light variants at WCAG AA (see readable-colors.ts), so a
 * `color="orange"` badge or a primary button is readable wherever it is used, and:
 * - secondary text (`c="dimmed"`, input descriptions): gray.7, 5.7:1 (Mantine's gray.6 is 3.3:1);
 * - placeholders: gray.6 darkened to 4.5:1 on white and on the disabled gray.1, still lighter than a value;
 * - links, errors and success messages: the readable blue, red and teal.
 */
export const cssVariablesResolver: CSSVariablesResolver = (mantine) => {
  const colors = Object.entries(mantine.colors).filter(([name]) => name !== 'dark');
  const readable = Object.assign({}, ...colors.map(([name, shades]) => readableColorVariables(name, shades, SURFACES)));
  return {
    variables: {},
    light: {
      ...readable,
      '--mantine-color-dimmed': mantine.colors.gray[7],
      '--mantine-color-placeholder': readableOn(mantine.colors.gray[6], [...SURFACES, '#ffffff']),
      '--mantine-color-anchor': `var(--mantine-color-${mantine.primaryColor}-filled)`,
      '--mantine-color-error': 'var(--mantine-color-red-filled)',
      '--mantine-color-success': 'var(--mantine-color-teal-filled)',
    },
    dark: {},
  };
};
