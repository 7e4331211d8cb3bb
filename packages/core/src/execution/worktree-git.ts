import { simpleGit } from 'simple-git';
import { parsePorcelain, type WorktreeStatus } from './worktree-status.ts';

// The few git reads and the one reset the execution phases need. (The engine's git port replaces these once it
// lands; the shapes are the same.)

const git = (dir: string) => simpleGit({ baseDir: dir, timeout: { block: 60_000 } });

export async function readWorktreeStatus(worktree: string): Promise<WorktreeStatus> {
  return parsePorcelain(await git(worktree).raw(['status', '--porcelain=v1', '-z', '--untracked-files=normal']));
}

/** The branch HEAD is on, or null when detached. */
export async function currentBranch(worktree: string): Promise<string | null> {
  const out = await git(worktree)
    .raw(['symbolic-ref', '--quiet', '--short', 'HEAD'])
    .catch(() => '');
  return out.trim() || null;
}

export async function headCommit(worktree: string): Promise<string> {
  return (await git(worktree).revparse(['HEAD'])).trim();
}

/**
 * §10.1 reset anchor: hard reset tracked files to `commit` and clean untracked files, preserving LoopTroop-owned
 * paths (`.ticket/**`, which holds the setup tool cache) and ignored files.
 */
export async function resetKeepingTicket(worktree: string, commit: string): Promise<void> {
  await git(worktree).raw(['reset', '--hard', commit]);
  await git(worktree).raw(['clean', '-fd', '-e', '.ticket', '-e', '.ticket/**']);
}

/** Tracked files of a checkout (repo-relative, forward slashes). */
export async function trackedFiles(checkout: string): Promise<string[]> {
  return (await git(checkout).raw(['ls-files', '-z'])).split('\0').filter(Boolean);
}

/** `git status` of one path in a checkout: tracked, ignored or untracked. */
export async function pathGitStatus(checkout: string, path: string): Promise<'tracked' | 'ignored' | 'untracked'> {
  const tracked = await git(checkout).raw(['ls-files', '--', path]);
  if (tracked.trim()) return 'tracked';
  // simple-git resolves a failing command that prints nothing (exit 1 of `check-ignore`): read the output instead.
  const ignored = await git(checkout)
    .raw(['check-ignore', '--', path])
    .catch(() => '');
  return ignored.trim() ? 'ignored' : 'untracked';
}
