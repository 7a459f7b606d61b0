import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ARCHITECTURE_DOC, dependencyEdges, mermaid, partOf, withGraph } from '../../scripts/dependency-graph.ts';

describe('the dependency picture in docs/ARCHITECTURE.md', () => {
  it('is the one the code draws today (npm run deps:graph redraws it)', async () => {
    const doc = await readFile(ARCHITECTURE_DOC, 'utf8');
    expect(doc).toBe(withGraph(doc, mermaid(await dependencyEdges())));
  }, 60_000);

  it('has no arrow that closes a circle, and the route layer sits above the features', async () => {
    const edges = await dependencyEdges();
    expect(mermaid(edges)).toContain('No arrow closes a circle.');
    expect(edges).toContainEqual(['routes', 'users']);
    const intoHttp = edges.filter(([, to]) => to === 'http').map(([from]) => from);
    expect(intoHttp.filter((from) => !['routes', 'http/app', 'start', 'cli'].includes(from))).toEqual([]);
  }, 60_000);

  it('draws each file in the box of its layer or feature', () => {
    expect(partOf('src/server/features/users/users.routes.ts')).toBe('routes');
    expect(partOf('src/server/features/users/users.repository.ts')).toBe('users');
    expect(partOf('src/server/http/app.ts')).toBe('http/app');
    expect(partOf('src/server/http/errors.ts')).toBe('http');
    expect(partOf('src/web/app/app.tsx')).toBe('console');
    expect(partOf('src/server/features/users/users.test.ts')).toBeUndefined();
  });
});
