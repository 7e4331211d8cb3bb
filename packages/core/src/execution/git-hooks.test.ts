import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyHooks, detectGitHooks, hookManagerHint } from './git-hooks.ts';

describe('git hook detection (workflow.md §10.3 git_hooks.detected)', () => {
  it('keeps real hook names, skips samples and helpers, reads the executable bit', () => {
    const hooks = classifyHooks(
      [
        { name: 'pre-commit', file: '/r/.husky/pre-commit', mode: 0o755 },
        { name: 'pre-push.sample', file: '/r/.git/hooks/pre-push.sample', mode: 0o755 },
        { name: '_', file: '/r/.husky/_', mode: 0o755 },
        { name: 'commit-msg', file: '/r/.husky/commit-msg', mode: 0o644 },
      ],
      { repoRoot: '/r', source: 'core.hooksPath', managerHint: 'husky', platform: 'linux' },
    );
    expect(hooks).toEqual([
      {
        name: 'commit-msg',
        path: '.husky/commit-msg',
        source: 'core.hooksPath',
        executable: 'no',
        managerHint: 'husky',
      },
      {
        name: 'pre-commit',
        path: '.husky/pre-commit',
        source: 'core.hooksPath',
        executable: 'yes',
        managerHint: 'husky',
      },
    ]);
  });

  it('cannot tell executability on Windows', () => {
    const [hook] = classifyHooks([{ name: 'pre-commit', file: 'C:/r/.git/hooks/pre-commit', mode: 0o644 }], {
      repoRoot: 'C:/r',
      source: 'git-dir',
      managerHint: null,
      platform: 'win32',
    });
    expect(hook?.executable).toBe('unknown');
  });

  it.each([
    ['.husky', new Set<string>(), 'husky'],
    [null, new Set(['lefthook.yml']), 'lefthook'],
    [null, new Set(['.pre-commit-config.yaml']), 'pre-commit'],
    [null, new Set(['package.json']), null],
  ])('manager hint for hooksPath %s', (hooksPath, files, hint) => {
    expect(hookManagerHint(hooksPath, files)).toBe(hint);
  });

  it('finds the hooks of a real checkout, core.hooksPath first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lt-hooks-'));
    try {
      execFileSync('git', ['init', '-q', dir]);
      await writeFile(join(dir, '.git/hooks/pre-push'), '#!/bin/sh\nexit 0\n');
      await chmod(join(dir, '.git/hooks/pre-push'), 0o755);
      expect((await detectGitHooks(dir, new Set(), 'linux')).map((h) => [h.name, h.source])).toEqual([
        ['pre-push', 'git-dir'],
      ]);
      await mkdir(join(dir, '.husky'));
      await writeFile(join(dir, '.husky/pre-commit'), 'npm test\n');
      execFileSync('git', ['-C', dir, 'config', 'core.hooksPath', '.husky']);
      expect(await detectGitHooks(dir, new Set(), 'linux')).toEqual([
        {
          name: 'pre-commit',
          path: '.husky/pre-commit',
          source: 'core.hooksPath',
          executable: 'no',
          managerHint: 'husky',
        },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
