import { gzipSync } from 'node:zlib';
import type { Logger, Plugin } from 'vite';

/**
 * The console's JavaScript budget: what a first visit downloads before anything is drawn (the entry chunk and every
 * chunk it imports statically — the files index.html names in its script and modulepreload tags), gzipped as the
 * server sends it. Pages, the date picker and the chart library come later, when they are used.
 * Sizes are in kB of 1,000 bytes, as Vite prints them.
 */
export const FIRST_LOAD_GZIP_BUDGET_KB = 250;

/** One output file of the build, as the budget needs it (a small shape, so a test can write a bundle by hand). */
export interface BundleFile {
  fileName: string;
  /** The file as it is served. */
  source: string | Uint8Array;
  isEntry?: boolean;
  /** Chunks it imports statically (loaded with it). */
  imports?: string[];
  /** Chunks it imports with `import()` (loaded later). */
  dynamicImports?: string[];
  /** Style sheets that come with it. */
  css?: string[];
}

export interface SizedFile {
  fileName: string;
  raw: number;
  gzip: number;
}

export interface Weight {
  raw: number;
  gzip: number;
}

export interface LazyPart {
  /** The chunk a page or component is loaded through. */
  fileName: string;
  /** That chunk and what it imports statically, beyond the first load and what the page asking for it holds. */
  weight: Weight;
}

export interface BudgetReport {
  budgetGzip: number;
  firstLoad: { files: SizedFile[]; js: Weight; css: Weight };
  /** Chunks reached through `import()` (pages, charts), each with the weight it adds when asked for. Heaviest first. */
  lazyParts: LazyPart[];
  /** Every JavaScript file that is not part of the first load, largest first. */
  lazyChunks: SizedFile[];
  overBudget: boolean;
}

/** Measures a build: the first load's JavaScript and CSS, and what comes later. */
export function measureBundle(files: BundleFile[], budgetKb = FIRST_LOAD_GZIP_BUDGET_KB): BudgetReport {
  const byName = new Map(files.map((file) => [file.fileName, file]));
  const sizes = new Map<string, SizedFile>();
  const sizeOf = (fileName: string): SizedFile => {
    let size = sizes.get(fileName);
    if (!size) {
      const file = byName.get(fileName);
      if (!file) throw new Error(`The bundle names ${fileName} but does not hold it`);
      size = measureFile(fileName, file.source);
      sizes.set(fileName, size);
    }
    return size;
  };
  const isJs = (fileName: string) => /\.m?js$/.test(fileName);

  const entries = files.filter((file) => file.isEntry).map((file) => file.fileName);
  const firstLoadChunks = staticClosure(entries, byName);
  const firstLoadCss = [...firstLoadChunks].flatMap((name) => byName.get(name)?.css ?? []);
  const firstLoadFiles = [...new Set([...firstLoadChunks, ...firstLoadCss])].map(sizeOf);
  const js = total(firstLoadFiles.filter((file) => isJs(file.fileName)));
  const css = total(firstLoadFiles.filter((file) => !isJs(file.fileName)));

  // What an import() adds: its chunk and static imports, less what the first load and the chunk asking for it (with
  // its own static imports) already brought. Asked for from several places: the least it adds.
  const lazyParts: LazyPart[] = [];
  for (const fileName of new Set(files.flatMap((file) => file.dynamicImports ?? []))) {
    const target = staticClosure([fileName], byName);
    const weights = files
      .filter((importer) => importer.dynamicImports?.includes(fileName))
      .map((importer) => {
        const loaded = staticClosure([importer.fileName], byName);
        return total([...target].filter((name) => !firstLoadChunks.has(name) && !loaded.has(name)).map(sizeOf));
      });
    lazyParts.push({
      fileName,
      weight: weights.reduce((least, weight) => (weight.gzip < least.gzip ? weight : least)),
    });
  }
  lazyParts.sort((a, b) => b.weight.gzip - a.weight.gzip);
  const lazyChunks = files
    .filter((file) => isJs(file.fileName) && !firstLoadChunks.has(file.fileName))
    .map((file) => sizeOf(file.fileName))
    .sort((a, b) => b.raw - a.raw);

  const budgetGzip = budgetKb * 1000;
  return {
    budgetGzip,
    firstLoad: { files: firstLoadFiles, js, css },
    lazyParts,
    lazyChunks,
    overBudget: js.gzip > budgetGzip,
  };
}

/** The table the build prints: the first load against the budget, then what pages and charts add when used. */
export function formatBudgetReport(report: BudgetReport, { lazyRows = 12 } = {}): string {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`.padStart(10);
  const row = (label: string, weight: Weight) => `  ${label.padEnd(48)}${kb(weight.raw)}${kb(weight.gzip)}`;
  const { js, css, files } = report.firstLoad;
  const verdict = report.overBudget
    ? `OVER BUDGET by ${kb(js.gzip - report.budgetGzip).trim()}`
    : `within budget, ${kb(report.budgetGzip - js.gzip).trim()} to spare`;
  return [
    `Console JavaScript: first load ${kb(js.gzip).trim()} gzipped of a ${kb(report.budgetGzip).trim()} budget (${verdict})`,
    `  ${'first load'.padEnd(48)}${'raw'.padStart(10)}${'gzip'.padStart(10)}`,
    ...files.filter((file) => !file.fileName.endsWith('.css')).map((file) => row(file.fileName, file)),
    row('= JavaScript', js),
    row('+ CSS (not in the budget)', css),
    `  loaded later: what each import() adds to the page that asks for it (heaviest ${lazyRows})`,
    ...report.lazyParts.slice(0, lazyRows).map((part) => row(part.fileName, part.weight)),
    `  largest lazy chunks`,
    ...report.lazyChunks.slice(0, 5).map((file) => row(file.fileName, file)),
  ].join('\n');
}

/** The files index.html loads before the console starts: its module script, module preloads and style sheets. */
export function firstLoadOfHtml(html: string): { scripts: string[]; styles: string[] } {
  const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    if (tag.startsWith('<script')) {
      const src = attribute(tag, 'src');
      if (src) scripts.push(src);
    } else if (attribute(tag, 'rel') === 'modulepreload') {
      scripts.push(attribute(tag, 'href') ?? '');
    } else if (attribute(tag, 'rel') === 'stylesheet') {
      styles.push(attribute(tag, 'href') ?? '');
    }
  }
  return { scripts, styles };
}

export function measureFile(fileName: string, source: string | Uint8Array): SizedFile {
  const bytes = typeof source === 'string' ? Buffer.from(source) : source;
  return { fileName, raw: bytes.byteLength, gzip: gzipSync(bytes).byteLength };
}

interface BudgetOptions {
  budgetKb?: number;
  /**
   * Over budget: fail the build (`npm run build:web`) or only warn. The console built on a server's first start
   * only warns: a fresh clone must start even if a dependency update made it heavier.
   */
  failOverBudget: boolean;
}

/** A Vite plugin: measures the written bundle, prints the table, and warns or fails when over budget. */
export function bundleBudget({ budgetKb = FIRST_LOAD_GZIP_BUDGET_KB, failOverBudget }: BudgetOptions): Plugin {
  let logger: Logger | undefined;
  return {
    name: 'seatkeeper:bundle-budget',
    apply: 'build',
    configResolved(config) {
      logger = config.logger;
    },
    // After writing: the chunks' code is final (preload helpers and import paths filled in).
    writeBundle(_options, bundle) {
      const files: BundleFile[] = Object.values(bundle).map((output) =>
        output.type === 'chunk'
          ? {
              fileName: output.fileName,
              source: output.code,
              isEntry: output.isEntry,
              imports: output.imports,
              dynamicImports: output.dynamicImports,
              css: [...(output.viteMetadata?.importedCss ?? [])],
            }
          : { fileName: output.fileName, source: output.source },
      );
      const report = measureBundle(files, budgetKb);
      logger?.info(`\n${formatBudgetReport(report)}\n`);
      if (!report.overBudget) return;
      const message = `The console's first-load JavaScript is ${(report.firstLoad.js.gzip / 1000).toFixed(1)} kB gzipped, over its ${budgetKb} kB budget: load what only some pages need with import() (see docs/bundle-size.md).`;
      if (failOverBudget) this.error(message);
      logger?.warn(message);
    },
  };
}

function staticClosure(roots: string[], byName: Map<string, BundleFile>): Set<string> {
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    seen.add(fileName);
    for (const imported of byName.get(fileName)?.imports ?? []) visit(imported);
  };
  for (const root of roots) visit(root);
  return seen;
}

function total(files: SizedFile[]): Weight {
  return files.reduce((sum, file) => ({ raw: sum.raw + file.raw, gzip: sum.gzip + file.gzip }), { raw: 0, gzip: 0 });
}
