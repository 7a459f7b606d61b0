/**
 * Draws the import graph between the parts of the code (features, layers, console, SDK) as a
 * Mermaid flowchart, from what dependency-cruiser finds in src/ with .dependency-cruiser.cjs.
 * `npm run deps:graph` writes it into docs/ARCHITECTURE.md; a test fails when the picture there
 * is not the code's. Arrows that close a circle are drawn red.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cruise, type ICruiseResult } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
export const ARCHITECTURE_DOC = new URL('../docs/ARCHITECTURE.md', import.meta.url);
const START = '<!-- dependency-graph:start (npm run deps:graph writes this) -->';
const END = '<!-- dependency-graph:end -->';

/** The box a file is drawn in: a feature, a layer, or one of the three programs' own parts. */
export function partOf(file: string): string | undefined {
  if (/[.]test[.]tsx?$/.test(file) || !file.startsWith('src/')) return undefined;
  if (/^src\/server\/features\/[^/]+\/.+[.]routes[.]ts$/.test(file)) return 'routes';
  const feature = /^src\/server\/features\/([^/]+)\//.exec(file);
  if (feature) return feature[1];
  if (file === 'src/server/http/app.ts') return 'http/app';
  if (/^src\/server\/(start|create-deps|web-build)[.]ts$/.test(file)) return 'start';
  const folder = /^src\/server\/([^/]+)\//.exec(file);
  if (folder) return folder[1];
  const rootFile = /^src\/server\/([^/]+)[.]ts$/.exec(file);
  if (rootFile) return rootFile[1];
  const program = /^src\/([^/]+)\//.exec(file)?.[1];
  return program === 'web' ? 'console' : program;
}

export async function dependencyEdges(): Promise<[string, string][]> {
  const options = require('../.dependency-cruiser.cjs').options;
  const result = (await cruise(['src'], { ...options, validate: false })).output as ICruiseResult;
  const edges = new Set<string>();
  for (const module of result.modules) {
    const from = partOf(module.source);
    for (const dependency of module.dependencies) {
      const to = partOf(dependency.resolved);
      if (from && to && from !== to) edges.add(`${from}\t${to}`);
    }
  }
  return [...edges].sort().map((edge) => edge.split('\t') as [string, string]);
}

/** Parts that reach each other both ways (a strongly connected set bigger than one). */
function partsInCircles(edges: [string, string][]): Set<string> {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const reaches = (from: string, target: string) => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const part = stack.pop()!;
      for (const to of next.get(part) ?? []) {
        if (to === target) return true;
        if (!seen.has(to)) {
          seen.add(to);
          stack.push(to);
        }
      }
    }
    return false;
  };
  return new Set(edges.filter(([from, to]) => reaches(to, from)).map(([from, to]) => `${from}\t${to}`));
}

/** Parts nearly everything imports: arrows into them are counted, not drawn, to keep the picture legible. */
export const FOUNDATION = ['lib', 'common', 'db', 'config', 'app-deps'];

export function mermaid(edges: [string, string][]): string {
  const circular = partsInCircles(edges);
  const id = (part: string) => part.replace(/[^a-zA-Z0-9]/g, '_');
  const lines = ['```mermaid', 'flowchart TD'];
  const red: number[] = [];
  const drawn = edges.filter(([from, to]) => !FOUNDATION.includes(to) || FOUNDATION.includes(from));
  drawn.forEach(([from, to], index) => {
    lines.push(`  ${id(from)}[${from}] --> ${id(to)}[${to}]`);
    if (circular.has(`${from}\t${to}`)) red.push(index);
  });
  if (red.length > 0) lines.push(`  linkStyle ${red.join(',')} stroke:#c92a2a,stroke-width:2px`);
  lines.push('```');
  const closing = edges.filter(([from, to]) => circular.has(`${from}\t${to}`)).length;
  const summary = closing === 0 ? 'No arrow closes a circle.' : `${closing} arrows (red where drawn) close a circle.`;
  const hidden = edges.length - drawn.length;
  return (
    `${lines.join('\n')}\n\n${edges.length} arrows between ${new Set(edges.flat()).size} parts. ${summary} ` +
    `The ${hidden} arrows into ${FOUNDATION.join(', ')} (which nearly every part imports) are not drawn.`
  );
}

export function withGraph(doc: string, graph: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/ARCHITECTURE.md has no ${START} … ${END} section`);
  return `${doc.slice(0, start + START.length)}\n${graph}\n${doc.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const graph = mermaid(await dependencyEdges());
  if (process.argv.includes('--print')) console.log(graph);
  else {
    await writeFile(ARCHITECTURE_DOC, withGraph(await readFile(ARCHITECTURE_DOC, 'utf8'), graph));
    console.log('docs/ARCHITECTURE.md: dependency picture written');
  }
}
