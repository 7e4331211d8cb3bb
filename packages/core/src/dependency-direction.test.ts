import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// STYLE.md §2 "Dependency direction", kept visible: the vocabulary folder lifecycle/ is a leaf, and no feature
// folder imports the engine (workflow/) back; only the composition root and the routers may.

const SRC = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every relative import of every source file, as `from → to` with src-relative paths. */
const IMPORTS = sourceFiles(SRC).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*?from '(\.[^']+)'/gms)].map((match) => ({
    from: relative(SRC, file),
    to: relative(SRC, resolve(dirname(file), match[1] ?? '')),
  })),
);

const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '');

describe('dependency direction inside core', () => {
  it('finds the imports it judges', () => {
    expect(IMPORTS).toContainEqual({ from: 'context.ts', to: 'workflow/runner.ts' });
  });

  it('keeps lifecycle/ a leaf: it imports itself and the db row types only', () => {
    const outward = IMPORTS.filter(
      (i) => folderOf(i.from) === 'lifecycle' && folderOf(i.to) !== 'lifecycle' && i.to !== 'db/schema.ts',
    );
    expect(outward).toEqual([]);
  });

  it('lets no feature folder import the engine: only the composition root and the routers reach workflow/', () => {
    const back = IMPORTS.filter(
      (i) =>
        folderOf(i.to) === 'workflow' && !['workflow', 'routers'].includes(folderOf(i.from)) && i.from !== 'context.ts',
    );
    expect(back).toEqual([]);
  });
});
