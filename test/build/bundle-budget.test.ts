import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, createLogger } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  type BundleFile,
  bundleBudget,
  FIRST_LOAD_GZIP_BUDGET_KB,
  firstLoadOfHtml,
  formatBudgetReport,
  measureBundle,
  measureFile,
} from '../../scripts/bundle-budget.ts';
import { WEB_DIST_DIR } from '../../src/server/http/web-console.ts';

// Random bytes do not compress: a file of them weighs as much gzipped as raw (plus a few bytes of header).
const incompressible = (bytes: number) => randomBytes(bytes);

/**
 * A console in miniature: the entry loads the shell and its library with it; pages come by import(), and a page's
 * chart by another import(), with a chart library that only the chart uses.
 */
function miniature(): BundleFile[] {
  return [
    {
      fileName: 'index.js',
      source: incompressible(3000),
      isEntry: true,
      imports: ['shell.js', 'ui.js'],
      dynamicImports: ['report-page.js', 'users-page.js'],
      css: ['index.css'],
    },
    { fileName: 'shell.js', source: incompressible(1000), imports: ['ui.js'] },
    { fileName: 'ui.js', source: incompressible(2000) },
    { fileName: 'index.css', source: incompressible(500) },
    {
      fileName: 'report-page.js',
      source: incompressible(1500),
      imports: ['ui.js', 'table.js'],
      dynamicImports: ['chart.js'],
    },
    { fileName: 'users-page.js', source: incompressible(700), imports: ['table.js'] },
    { fileName: 'table.js', source: incompressible(400) },
    { fileName: 'chart.js', source: incompressible(300), imports: ['chart-library.js', 'table.js'] },
    { fileName: 'chart-library.js', source: incompressible(9000) },
  ];
}

describe('the bundle budget', () => {
  it('counts the entry and everything it imports statically as the first load, each file once, CSS apart', () => {
    const report = measureBundle(miniature());
    expect(report.firstLoad.files.map((file) => file.fileName).sort()).toEqual([
      'index.css',
      'index.js',
      'shell.js',
      'ui.js',
    ]);
    expect(report.firstLoad.js.raw).toBe(3000 + 1000 + 2000);
    expect(report.firstLoad.js.gzip).toBeGreaterThanOrEqual(6000);
    expect(report.firstLoad.css.raw).toBe(500);
  });

  it('says what each import() adds to the page that asks for it, heaviest first', () => {
    const report = measureBundle(miniature());
    const added = Object.fromEntries(report.lazyParts.map((part) => [part.fileName, part.weight.raw]));
    // The chart brings its library, not the table its page already holds; the page does not bring the chart.
    expect(added).toEqual({ 'chart.js': 300 + 9000, 'report-page.js': 1500 + 400, 'users-page.js': 700 + 400 });
    expect(report.lazyParts.map((part) => part.fileName)).toEqual(['chart.js', 'report-page.js', 'users-page.js']);
    expect(report.lazyChunks.map((file) => file.fileName)).toEqual([
      'chart-library.js',
      'report-page.js',
      'users-page.js',
      'table.js',
      'chart.js',
    ]);
  });

  it('is over budget when the first load’s gzipped JavaScript is heavier than the budget, and says so', () => {
    // About 6 kB of first-load JavaScript: over a 5 kB budget, within a 7 kB one; the CSS does not count.
    const over = measureBundle(miniature(), 5);
    expect(over.overBudget).toBe(true);
    expect(formatBudgetReport(over)).toMatch(/OVER BUDGET by 1\.\d kB/);
    const within = measureBundle(miniature(), 7);
    expect(within.overBudget).toBe(false);
    expect(formatBudgetReport(within)).toMatch(/within budget, 0\.\d kB to spare/);
  });

  it('reads the first load from index.html: the module script, its preloads and the style sheets', () => {
    const html = `<head>
      <script type="module" crossorigin src="/assets/index-a.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/react-b.js">
      <link rel="icon" href="data:image/svg+xml,x" />
      <link rel="stylesheet" crossorigin href="/assets/index-c.css">
    </head>`;
    expect(firstLoadOfHtml(html)).toEqual({
      scripts: ['/assets/index-a.js', '/assets/react-b.js'],
      styles: ['/assets/index-c.css'],
    });
  });
});

describe('the bundle budget in a Vite build', () => {
  const project = () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-budget-'));
    fs.writeFileSync(path.join(root, 'index.html'), '<script type="module" src="./main.js"></script>');
    fs.writeFileSync(
      path.join(root, 'main.js'),
      `console.log(${JSON.stringify(randomBytes(3000).toString('base64'))});`,
    );
    return root;
  };
  const buildWith = (root: string, failOverBudget: boolean, warnings: string[] = []) => {
    const logger = createLogger('warn');
    logger.warn = (message) => warnings.push(message);
    logger.error = () => {}; // the failing build's own report: the test reads its error instead
    return build({
      root,
      configFile: false,
      logLevel: 'warn',
      customLogger: logger,
      plugins: [bundleBudget({ budgetKb: 1, failOverBudget })],
      build: { outDir: path.join(root, 'dist') },
    });
  };

  it('fails the build over budget when asked to (npm run build:web)', async () => {
    const root = project();
    try {
      await expect(buildWith(root, true)).rejects.toThrow(/over its 1 kB budget/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('only warns otherwise, so a server’s first start still builds the console', async () => {
    const root = project();
    const warnings: string[] = [];
    try {
      await buildWith(root, false, warnings);
      expect(fs.existsSync(path.join(root, 'dist', 'index.html'))).toBe(true);
      expect(warnings.join('\n')).toMatch(/first-load JavaScript is \d+\.\d kB gzipped, over its 1 kB budget/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the built console (dist/web)', () => {
  const html = () => fs.readFileSync(path.join(WEB_DIST_DIR, 'index.html'), 'utf8');
  const read = (url: string) => fs.readFileSync(path.join(WEB_DIST_DIR, url));

  it(`loads at most ${FIRST_LOAD_GZIP_BUDGET_KB} kB of gzipped JavaScript before the first page`, () => {
    const { scripts } = firstLoadOfHtml(html());
    expect(scripts.length).toBeGreaterThan(0);
    const gzip = scripts.reduce((sum, url) => sum + measureFile(url, read(url)).gzip, 0);
    expect(gzip).toBeLessThanOrEqual(FIRST_LOAD_GZIP_BUDGET_KB * 1000);
  });

  it('leaves the chart library and the date picker out of the first load', () => {
    const { scripts } = firstLoadOfHtml(html());
    for (const url of scripts) {
      const code = read(url).toString('utf8');
      expect(code, url).not.toContain('recharts-surface');
      expect(code, url).not.toContain('@mantine/dates/');
    }
  });
});
