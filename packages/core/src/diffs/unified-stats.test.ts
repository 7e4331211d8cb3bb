import { describe, expect, it } from 'vitest';
import { diffStats } from './unified-stats.ts';

const MODIFIED = [
  'diff --git a/src/math.js b/src/math.js',
  'index 1111111..2222222 100644',
  '--- a/src/math.js',
  '+++ b/src/math.js',
  '@@ -1,3 +1,4 @@',
  ' export const add = (a, b) => a + b;',
  '-export const sub = (a, b) => a + b;',
  '+export const sub = (a, b) => a - b;',
  '+export const mul = (a, b) => a * b;',
  '@@ -10,2 +11,2 @@',
  '---- a markdown rule that looks like a header',
  '++++ and one that looks like the other header',
].join('\n');

const ADDED_DELETED_RENAMED_BINARY = [
  'diff --git a/test/new.test.js b/test/new.test.js',
  'new file mode 100644',
  'index 0000000..3333333',
  '--- /dev/null',
  '+++ b/test/new.test.js',
  '@@ -0,0 +1,2 @@',
  '+import { mul } from "../src/math.js";',
  '+test("mul", () => {});',
  'diff --git a/old.txt b/old.txt',
  'deleted file mode 100644',
  'index 4444444..0000000',
  '--- a/old.txt',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-gone',
  'diff --git a/docs/a.md b/docs/b.md',
  'similarity index 90%',
  'rename from docs/a.md',
  'rename to docs/b.md',
  'diff --git a/logo.png b/logo.png',
  'new file mode 100644',
  'index 0000000..5555555',
  'GIT binary patch',
  'literal 4',
  'LcmZQzWMT#Y01f~L',
  '',
  'diff --git "a/with space.txt" "b/with space.txt"',
  'index 6666666..7777777 100644',
  '--- "a/with space.txt"',
  '+++ "b/with space.txt"',
  '@@ -1 +1 @@',
  '-x',
  '+y',
].join('\n');

describe('diffStats', () => {
  it('counts added and removed lines per hunk, including content lines that look like file headers', () => {
    expect(diffStats(MODIFIED)).toEqual({
      files: [{ path: 'src/math.js', oldPath: null, status: 'M', additions: 3, deletions: 2, binary: false }],
      additions: 3,
      deletions: 2,
    });
  });

  it('reads added, deleted, renamed, binary and quoted files', () => {
    const stats = diffStats(ADDED_DELETED_RENAMED_BINARY);
    expect(stats.files).toEqual([
      { path: 'test/new.test.js', oldPath: null, status: 'A', additions: 2, deletions: 0, binary: false },
      { path: 'old.txt', oldPath: null, status: 'D', additions: 0, deletions: 1, binary: false },
      { path: 'docs/b.md', oldPath: 'docs/a.md', status: 'R', additions: 0, deletions: 0, binary: false },
      { path: 'logo.png', oldPath: null, status: 'A', additions: null, deletions: null, binary: true },
      { path: 'with space.txt', oldPath: null, status: 'M', additions: 1, deletions: 1, binary: false },
    ]);
    expect(stats).toMatchObject({ additions: 3, deletions: 2 });
  });

  it('has no files for an empty diff', () => {
    expect(diffStats('')).toEqual({ files: [], additions: 0, deletions: 0 });
  });
});
