import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimpleGit, parsePorcelain } from './simple-git.ts';

// The real git port on a real repository with a bare `origin` and a ticket worktree whose `.ticket/` is excluded
// the way Start excludes it.

describe('simple-git port', () => {
  let dir: string;
  let repo: string;
  let origin: string;
  let wt: string;
  const git = createSimpleGit();
  const run = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-C', cwd, ...args], { stdio: 'pipe', encoding: 'utf8' }).trim();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-git-'));
    repo = join(dir, 'repo');
    origin = join(dir, 'origin.git');
    wt = join(repo, '.looptroop', 'worktrees', 'SMP-1');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    run(repo, 'config', 'user.email', 'test@example.com');
    run(repo, 'config', 'user.name', 'Test');
    await writeFile(join(repo, 'README.md'), '# sample\n');
    await writeFile(join(repo, '.gitignore'), '.looptroop/\nnode_modules/\n');
    run(repo, 'add', '.');
    run(repo, 'commit', '-qm', 'initial');
    run(repo, 'remote', 'add', 'origin', origin);
    run(repo, 'push', '-q', 'origin', 'main');
    await git.createWorktree(repo, wt, 'SMP-1', 'main');
    await writeFile(await git.excludeFile(wt), '/.ticket/\n');
    await mkdir(join(wt, '.ticket'));
    await writeFile(join(wt, '.ticket', 'notes.md'), 'keep me');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads the branch, the first commit and tracked paths', async () => {
    expect(await git.currentBranch(repo)).toBe('main');
    expect(await git.currentBranch(wt)).toBe('SMP-1');
    expect(await git.hasCommits(repo)).toBe(true);
    expect(await git.isTracked(repo, 'README.md')).toBe(true);
    expect(await git.isTracked(repo, '.looptroop')).toBe(false);
    await git.createWorktree(repo, wt, 'SMP-1', 'main');
    expect(await readFile(join(wt, '.ticket', 'notes.md'), 'utf8')).toBe('keep me');
  });

  it('separates committable from untracked changes and never shows .ticket/', async () => {
    await writeFile(join(wt, 'README.md'), '# changed\n');
    await writeFile(join(wt, 'new.ts'), 'export {};\n');
    expect(await git.status(wt)).toEqual({ committable: ['README.md'], untracked: ['new.ts'] });
  });

  it('commits only the given paths, and reports nothing to commit as null', async () => {
    const before = await git.head(wt);
    const commit = await git.commit(wt, { paths: ['new.ts'], message: 'add new.ts' });
    expect(commit).not.toBe(before);
    expect(run(wt, 'show', '--name-only', '--format=', 'HEAD')).toBe('new.ts');
    expect(await git.status(wt)).toEqual({ committable: ['README.md'], untracked: [] });
    expect(await git.commit(wt, { paths: ['new.ts'], message: 'nothing' })).toBeNull();
    expect(await git.head(wt)).toBe(commit);
  });

  it('diffs code only, between commits or against the working tree', async () => {
    const base = run(wt, 'rev-parse', 'main');
    const head = await git.head(wt);
    const committed = await git.diff(wt, base, head);
    expect(committed).toContain('+++ b/new.ts');
    expect(committed).not.toContain('README.md');
    const working = await git.diff(wt, head);
    expect(working).toContain('+# changed');
    run(wt, 'add', '-f', '.ticket/notes.md');
    expect(await git.diff(wt, head)).not.toContain('.ticket');
    run(wt, 'rm', '-q', '--cached', '.ticket/notes.md');
  });

  it('resets hard to a commit and cleans untracked files, keeping the preserved paths', async () => {
    const start = run(wt, 'rev-parse', 'main');
    await writeFile(join(wt, 'scratch.txt'), 'gone');
    await mkdir(join(wt, 'node_modules'), { recursive: true });
    await writeFile(join(wt, 'node_modules', 'dep.js'), 'ignored stays');
    await git.resetHard(wt, start, { preserve: ['.ticket'] });
    expect(await git.head(wt)).toBe(start);
    expect(await git.status(wt)).toEqual({ committable: [], untracked: [] });
    expect(await readFile(join(wt, '.ticket', 'notes.md'), 'utf8')).toBe('keep me');
    expect(await readFile(join(wt, 'node_modules', 'dep.js'), 'utf8')).toBe('ignored stays');
  });

  it('finds the merge base', async () => {
    await writeFile(join(wt, 'feature.ts'), 'export const f = 1;\n');
    const tip = await git.commit(wt, { paths: ['.'], message: 'feature' });
    expect(await git.mergeBase(wt, 'main', tip ?? 'HEAD')).toBe(run(repo, 'rev-parse', 'main'));
    expect(await git.mergeBase(wt, 'main', 'no-such-ref')).toBeNull();
  });

  it('pushes a ref, refuses a non-fast-forward and a stale lease, and force-pushes with a matching lease', async () => {
    const first = await git.head(wt);
    await git.push(wt, { source: 'HEAD', branch: 'SMP-1' });
    expect(run(origin, 'rev-parse', 'SMP-1')).toBe(first);
    await writeFile(join(wt, 'feature.ts'), 'export const f = 2;\n');
    const second = await git.commit(wt, { paths: ['feature.ts'], message: 'second' });
    await git.push(wt, { source: 'HEAD', branch: 'SMP-1' });
    run(wt, 'reset', '-q', '--hard', first);
    await writeFile(join(wt, 'feature.ts'), 'export const f = 3;\n');
    const rewritten = await git.commit(wt, { paths: ['feature.ts'], message: 'rewritten' });
    await expect(git.push(wt, { source: 'HEAD', branch: 'SMP-1' })).rejects.toThrow(/rejected/);
    await expect(git.push(wt, { source: 'HEAD', branch: 'SMP-1', lease: { expect: first } })).rejects.toThrow(
      /stale info|rejected/,
    );
    expect(run(origin, 'rev-parse', 'SMP-1')).toBe(second);
    await git.push(wt, { source: 'HEAD', branch: 'SMP-1', lease: { expect: second ?? '' } });
    expect(run(origin, 'rev-parse', 'SMP-1')).toBe(rewritten);
  });

  it('removes the worktree and its branch, idempotently', async () => {
    await git.removeWorktree(repo, wt, 'SMP-1');
    await git.removeWorktree(repo, wt, 'SMP-1');
    expect(run(repo, 'branch', '--list', 'SMP-1')).toBe('');
    expect(run(repo, 'worktree', 'list')).not.toContain('SMP-1');
  });
});

describe('parsePorcelain', () => {
  it('reads renames with their original path and skips ignored and ticket entries', () => {
    const out = [
      'R  new.ts',
      'old.ts',
      'C  copy.ts',
      'kept.ts',
      ' M a.ts',
      '?? b.ts',
      '!! dist/x.js',
      '?? .ticket/x',
      '',
    ];
    // the rename's original is committable (its deletion); a copy's original is untouched
    expect(parsePorcelain(out.join('\0'))).toEqual({
      committable: ['new.ts', 'old.ts', 'copy.ts', 'a.ts'],
      untracked: ['b.ts'],
    });
  });
});
