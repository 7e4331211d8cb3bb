import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeliveryError } from './delivery-error.ts';
import { git, isAncestor, runGit } from './git-command.ts';

// §10.11 for remotes other than GitHub (and for none): LoopTroop merges the candidate into the base branch itself.
// The user's checkout is never touched: a merge commit is made in a temporary worktree that is removed afterwards.

export interface PreparedMerge {
  /** `none`: the base already contains the candidate; `fast_forward`: the base moves to the candidate. */
  method: 'none' | 'fast_forward' | 'merge_commit';
  /** The commit the base branch should point at. */
  sha: string;
}

export interface PrepareMergeOptions {
  message: string;
  /** workflow.md §10.13: merge hooks run only under `use_native_hooks`. */
  runNativeHooks?: boolean;
}

/** Decide how `baseSha` takes `candidateSha` and, when it cannot fast-forward, make the merge commit. */
export async function prepareBaseMerge(
  repoDir: string,
  baseSha: string,
  candidateSha: string,
  options: PrepareMergeOptions,
): Promise<PreparedMerge> {
  if (await isAncestor(repoDir, candidateSha, baseSha)) return { method: 'none', sha: baseSha };
  if (await isAncestor(repoDir, baseSha, candidateSha)) return { method: 'fast_forward', sha: candidateSha };
  return { method: 'merge_commit', sha: await mergeInTemporaryWorktree(repoDir, baseSha, candidateSha, options) };
}

async function mergeInTemporaryWorktree(
  repoDir: string,
  baseSha: string,
  candidateSha: string,
  options: PrepareMergeOptions,
): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'looptroop-merge-'));
  const dir = join(parent, 'worktree');
  await git(repoDir, ['worktree', 'add', '--detach', '--quiet', dir, baseSha]);
  try {
    const identity = await fallbackIdentity(dir);
    const merge = await runGit(dir, [
      ...identity,
      'merge',
      '--no-ff',
      '--no-edit',
      ...(options.runNativeHooks ? [] : ['--no-verify']),
      '-m',
      options.message,
      candidateSha,
    ]);
    if (merge.code !== 0) {
      const conflicted = await runGit(dir, ['diff', '--name-only', '--diff-filter=U']);
      const files = conflicted.stdout.split('\n').filter(Boolean);
      if (files.length > 0) {
        throw new DeliveryError(
          'MERGE_CONFLICT',
          `The candidate does not merge cleanly into the base branch (${files.length} conflicting file(s)); nothing was pushed.`,
          { files, baseSha, candidateSha },
        );
      }
      throw new DeliveryError('GIT_FAILED', `git merge failed: ${merge.stderr.trim() || merge.stdout.trim()}`, {
        baseSha,
        candidateSha,
      });
    }
    return await git(dir, ['rev-parse', 'HEAD']);
  } finally {
    await runGit(repoDir, ['worktree', 'remove', '--force', dir]);
    await rm(parent, { recursive: true, force: true });
    await runGit(repoDir, ['worktree', 'prune']);
  }
}

/** A merge commit needs an author; when the repository names none, LoopTroop signs as itself (never a global edit). */
async function fallbackIdentity(dir: string): Promise<string[]> {
  const name = await runGit(dir, ['config', 'user.name']);
  const email = await runGit(dir, ['config', 'user.email']);
  if (name.stdout.trim() && email.stdout.trim()) return [];
  return ['-c', 'user.name=LoopTroop', '-c', 'user.email=looptroop@localhost'];
}
