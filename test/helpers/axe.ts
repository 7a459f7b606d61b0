import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * axe-core in the browser suites: the rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and only
 * what axe rates serious or critical counts as a failure (minor and moderate are mostly
 * best-practice advice, out of the tags above anyway).
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

// A narrow copy of axe's result types: axe-core's own declarations need the DOM library, which the
// Node-side helpers do not load.
interface AxeCheck {
  id: string;
  message: string;
  data?: { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string } | null;
}
interface AxeNode {
  target: unknown[];
  html: string;
  any: AxeCheck[];
  all: AxeCheck[];
  none: AxeCheck[];
}
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe on the page as it is now and answers the serious and critical violations. */
export async function findAxeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  // Evaluated through the DevTools protocol, which the console's CSP (no inline scripts) does not govern.
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } })
      .axe;
    const results = (await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })) as { violations: AxeViolation[] };
    // Only what crosses back to Node: axe's results also hold DOM elements.
    return results.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target, html, any, all, none }) => ({
        target,
        html,
        any: any.map(({ id: check, message, data }) => ({ id: check, message, data })),
        all: all.map(({ id: check, message, data }) => ({ id: check, message, data })),
        none: none.map(({ id: check, message, data }) => ({ id: check, message, data })),
      })),
    }));
  }, AXE_TAGS);
  return violations.filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''));
}

/** One line per failing element: the rule, its selector and, for contrast, the colours and the ratio. */
export function describeViolations(violations: AxeViolation[]): string {
  const lines: string[] = [];
  for (const violation of violations) {
    lines.push(`${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.length})`);
    for (const node of violation.nodes.slice(0, 12)) {
      const checks = [...node.any, ...node.all, ...node.none];
      const colours = checks.find((check) => check.data?.fgColor)?.data;
      const detail = colours
        ? `${colours.fgColor} on ${colours.bgColor}, ${colours.contrastRatio}:1 (needs ${colours.expectedContrastRatio})`
        : (checks[0]?.message ?? '');
      lines.push(`    ${node.target.join(' >> ')}  ${detail}`);
    }
    if (violation.nodes.length > 12) lines.push(`    … and ${violation.nodes.length - 12} more`);
  }
  return lines.join('\n');
}

// The little of the DOM that the page-side functions below touch (this file compiles without the DOM library).
interface PageElement {
  tagName: string;
  className: unknown;
  getBoundingClientRect(): { right: number };
}
interface PageGlobals {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number }; querySelectorAll(selector: string): Iterable<PageElement> };
}

/**
 * How far the page is wider than its window (0: it does not scroll sideways), and the first
 * elements whose right edge is past the window's, to say what to fix.
 */
export async function measureSidewaysScroll(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const { innerWidth, document } = globalThis as unknown as PageGlobals;
    const overflow = Math.max(0, document.documentElement.scrollWidth - innerWidth);
    const culprits: string[] = [];
    if (overflow > 0) {
      for (const element of document.querySelectorAll('body *')) {
        const { right } = element.getBoundingClientRect();
        if (right > innerWidth + 1 && culprits.length < 6) {
          const className = typeof element.className === 'string' ? element.className.split(' ')[0] : '';
          culprits.push(`${element.tagName.toLowerCase()}.${className} (right edge at ${Math.round(right)} px)`);
        }
      }
    }
    return { overflow, culprits };
  });
}

/**
 * Resizes the window to `width` and checks the page there: no serious or critical axe violation and
 * nothing wider than the window. The console re-lays itself out after a resize (media queries read
 * by React, Mantine's transitions), so the sideways check waits up to five seconds for the layout a
 * person would see before it fails, naming the elements that stick out.
 */
export async function expectAccessibleAt(page: Page, width: number, where: string): Promise<void> {
  await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
  let measured = await measureSidewaysScroll(page);
  for (let waited = 0; measured.overflow > 0 && waited < 5_000; waited += 250) {
    await page.waitForTimeout(250);
    measured = await measureSidewaysScroll(page);
  }
  if (measured.overflow > 0) {
    throw new Error(
      `${where} scrolls sideways by ${measured.overflow} px at ${width} px: ${measured.culprits.join('; ')}`,
    );
  }
  const violations = await findAxeViolations(page);
  if (violations.length > 0) throw new Error(`${where} at ${width} px:\n${describeViolations(violations)}`);
}
