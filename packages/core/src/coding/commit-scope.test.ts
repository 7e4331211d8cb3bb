import { describe, expect, it } from 'vitest';
import { commitScope, isGeneratedNoise } from './commit-scope.ts';

// workflow.md §10.6 step 8: what a bead commit takes, and what it leaves out with a warning.

describe('the bead commit scope', () => {
  it('takes tracked changes and new source files, leaving out setup roots and generated noise with one warning each', () => {
    const scope = commitScope(
      {
        committable: ['src/a.ts', 'dist/bundle.js', '.tools/bin/node'],
        untracked: [
          'src/new.ts',
          'test/new.test.ts',
          'node_modules/x/index.js',
          'node_modules/y/index.js',
          'coverage/lcov.info',
          'debug.log',
          '.tools/cache/a',
        ],
      },
      ['.tools'],
    );
    // a tracked file under dist/ is the project's choice: committed
    expect(scope.paths).toEqual(['src/a.ts', 'dist/bundle.js', 'src/new.ts', 'test/new.test.ts']);
    expect(scope.warnings).toEqual([
      '.tools/ is a setup root and was not committed (2 files)',
      'node_modules/ looks like generated output and was not committed (2 files)',
      'coverage/ looks like generated output and was not committed',
      'debug.log looks like generated output and was not committed',
    ]);
  });

  it.each([
    ['src/__pycache__/m.cpython-312.pyc', true],
    ['pkg/node_modules/a.js', true],
    ['.pytest_cache/v/x', true],
    ['app.tsbuildinfo', true],
    ['src/build.ts', false],
    ['docs/coverage.md', false],
    ['src/logger.ts', false],
  ])('judges %s as noise: %s', (path, expected) => {
    expect(isGeneratedNoise(path)).toBe(expected);
  });
});
