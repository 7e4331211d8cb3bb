import { access, rm } from 'node:fs/promises';
import { simpleGit } from 'simple-git';

const git = (dir: string) => simpleGit({ baseDir: dir, timeout: { block: 60_000 } });

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** The branch HEAD points at, used as the ticket's base branch. */
export async function detectBaseBranch(repoRoot: string): Promise<string | null> {
  const name = await git(repoRoot)
    .raw(['symbolic-ref', '--quiet', '--short', 'HEAD'])
    .then((out) => out.trim())
    .catch(() => '');
  return name || null;
}

// simple-git resolves a failing command that prints nothing to stderr (as `--quiet` does), so these checks read
// the output instead of relying on the exit code.

export async function hasCommits(repoRoot: string): Promise<boolean> {
  const out = await git(repoRoot)
    .raw(['rev-parse', '--verify', '--quiet', 'HEAD'])
    .catch(() => '');
  return out.trim().length > 0;
}

export async function branchExists(repoRoot: string, branch: string): Promise<boolean> {
  const out = await git(repoRoot).raw(['branch', '--list', branch]);
  return out.trim().length > 0;
}

/** Create (or reuse) the ticket's worktree on branch `branch`, forked from `baseBranch`. Idempotent. */
export async function ensureWorktree(repoRoot: string, path: string, branch: string, baseBranch: string) {
  if (await exists(path)) {
    const list = await git(repoRoot).raw(['worktree', 'list', '--porcelain']);
    if (list.split('\n').some((line) => line === `worktree ${path}`)) return;
    await rm(path, { recursive: true, force: true });
  }
  if (await branchExists(repoRoot, branch)) await git(repoRoot).raw(['worktree', 'add', path, branch]);
  else await git(repoRoot).raw(['worktree', 'add', '-b', branch, path, baseBranch]);
}

/** Remove the worktree folder and its branch; missing pieces are fine (cleanup is idempotent). */
export async function removeWorktree(repoRoot: string, path: string, branch: string | null) {
  await git(repoRoot)
    .raw(['worktree', 'remove', '--force', path])
    .catch(() => undefined);
  await rm(path, { recursive: true, force: true });
  await git(repoRoot)
    .raw(['worktree', 'prune'])
    .catch(() => undefined);
  if (branch && (await branchExists(repoRoot, branch))) await git(repoRoot).raw(['branch', '-D', branch]);
}

export async function isTracked(repoRoot: string, path: string): Promise<boolean> {
  const out = await git(repoRoot).raw(['ls-files', '--', path]);
  return out.trim().length > 0;
}
