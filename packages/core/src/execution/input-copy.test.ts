import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyWorkspaceInputs, withCopyPreviews } from './input-copy.ts';
import type { WorkspaceInput } from './workspace-inputs.ts';

// Real git: a repository with a linked worktree, as LoopTroop makes one per ticket (workflow.md §10.1).

const input = (path: string, over: Partial<WorkspaceInput> = {}): WorkspaceInput => ({
  path,
  kind: 'file',
  sourceStatus: 'untracked',
  reason: 'local settings',
  allowLarge: false,
  preview: null,
  ...over,
});

describe('workspace inputs (workflow.md §10.5 step 1)', () => {
  let dir: string;
  let repo: string;
  let worktree: string;
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' }).toString();
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lt-inputs-'));
    repo = join(dir, 'repo');
    worktree = join(dir, 'wt');
    mkdirSync(repo);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 't@example.com');
    git(repo, 'config', 'user.name', 'T');
    writeFileSync(join(repo, 'README.md'), '# r\n');
    writeFileSync(join(repo, '.gitignore'), 'secrets/\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'init');
    git(repo, 'worktree', 'add', '-q', '-b', 'T-1', worktree);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('copies untracked and ignored inputs, keeps them out of commits, and copies again on a retry', async () => {
    writeFileSync(join(repo, 'local.env'), 'A=1\n');
    mkdirSync(join(repo, 'secrets'));
    writeFileSync(join(repo, 'secrets', 'key.txt'), 'k');
    const inputs = [input('local.env'), input('secrets', { kind: 'directory', sourceStatus: 'ignored' })];
    expect(await copyWorkspaceInputs(repo, worktree, inputs)).toEqual({
      problems: [],
      copied: ['local.env', 'secrets'],
    });
    expect(readFileSync(join(worktree, 'local.env'), 'utf8')).toBe('A=1\n');
    expect(existsSync(join(worktree, 'secrets', 'key.txt'))).toBe(true);
    expect(git(worktree, 'status', '--porcelain').trim()).toBe('');
    // a later attempt validates and copies again, although our exclude rule now ignores local.env everywhere
    expect((await copyWorkspaceInputs(repo, worktree, inputs)).problems).toEqual([]);
  });

  it('refuses tracked, missing, misclassified and symlinked inputs, copying nothing', async () => {
    writeFileSync(join(repo, 'local.env'), 'A=1\n');
    symlinkSync(join(repo, 'README.md'), join(repo, 'link.md'));
    const result = await copyWorkspaceInputs(repo, worktree, [
      input('README.md'),
      input('nope.txt'),
      input('local.env', { sourceStatus: 'ignored' }),
      input('link.md'),
    ]);
    expect(result.copied).toEqual([]);
    expect(result.problems).toEqual([
      '"README.md" is tracked: the worktree already has it',
      '"nope.txt" does not exist in the original checkout',
      '"local.env" is untracked in git, not ignored',
      '"link.md" is or contains a symlink',
    ]);
    expect(existsSync(join(worktree, 'local.env'))).toBe(false);
  });

  it('measures the copy preview of each input', async () => {
    mkdirSync(join(repo, 'secrets'));
    writeFileSync(join(repo, 'secrets', 'a'), '12345');
    writeFileSync(join(repo, 'secrets', 'b'), '123');
    const [measured] = await withCopyPreviews(repo, [input('secrets', { kind: 'directory', sourceStatus: 'ignored' })]);
    expect(measured?.preview).toEqual({ fileCount: 2, bytes: 8 });
  });
});
