import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { changedPathsSince } from '../delivery/index.ts';
import { parsePorcelain } from '../execution/worktree-status.ts';
import { pathExists } from '../lib/path-exists.ts';
import type { DirtyState } from './file-effects-audit.ts';

// The git reads and the one restore of the final test (§10.7): the dirty state file by file, which declared paths git
// ignores, restoring a tracked file the agent marked temporary, and the paths delivery will consider.

const git = (dir: string) => simpleGit({ baseDir: dir, timeout: { block: 60_000 } });

/** `git status` with every untracked file listed on its own (not `dir/`), so declarations match paths. */
export async function readDirtyState(worktree: string): Promise<DirtyState> {
  return parsePorcelain(await git(worktree).raw(['status', '--porcelain=v1', '-z', '--untracked-files=all']));
}

/** The given paths that exist on disk as files git ignores (a missing path cannot be delivered or kept). */
export async function ignoredPaths(worktree: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  // `check-ignore` exits 1 when nothing matches; simple-git then resolves with empty output.
  const out = await git(worktree)
    .raw(['check-ignore', '--', ...paths])
    .catch(() => '');
  const ignored = out.split('\n').filter(Boolean);
  const present = await Promise.all(ignored.map((path) => pathExists(join(worktree, path))));
  return ignored.filter((_, i) => present[i]);
}

/** §10.7: a tracked change marked temporary or unexpected goes back to its committed content (index and file). */
export async function restoreTracked(worktree: string, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  await git(worktree).raw(['restore', '--source=HEAD', '--staged', '--worktree', '--', ...paths]);
}

/** Every path the ticket changed against its base (bead commits and the final test), as delivery computes them. */
export async function ticketChangedPaths(
  worktree: string,
  baseBranch: string,
  fallback: string,
): Promise<{ paths: string[]; warning: string | null }> {
  const base = await git(worktree)
    .raw(['merge-base', 'HEAD', `refs/heads/${baseBranch}`])
    .then((out) => out.trim())
    .catch(() => '');
  if (base) return { paths: await changedPathsSince(worktree, base), warning: null };
  return {
    paths: await changedPathsSince(worktree, fallback),
    warning: `No merge base with ${baseBranch}; the candidates cover the final test's changes only`,
  };
}
