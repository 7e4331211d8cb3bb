import { git } from './git-command.ts';
import { INTEGRATION_EXCLUDES } from './integration.ts';

/** workflow.md §10.10: the candidate's net diff against the merge base (the `candidate_diff` artifact). */
export interface CandidateDiff {
  mergeBase: string;
  candidateSha: string;
  nameStatus: string;
  stat: string;
  /** The unified patch, cut at `maxPatchChars` (`truncated` says so). */
  patch: string;
  truncated: boolean;
}

export async function candidateDiff(
  worktree: string,
  mergeBase: string,
  candidateSha: string,
  maxPatchChars = 1_000_000,
): Promise<CandidateDiff> {
  const range = [mergeBase, candidateSha, '--', '.', ...INTEGRATION_EXCLUDES];
  const nameStatus = await git(worktree, ['diff', '--name-status', '--no-renames', ...range]);
  const stat = await git(worktree, ['diff', '--stat', ...range]);
  const full = await git(worktree, ['diff', '--no-color', ...range]);
  const truncated = full.length > maxPatchChars;
  return {
    mergeBase,
    candidateSha,
    nameStatus,
    stat,
    patch: truncated ? full.slice(0, maxPatchChars) : full,
    truncated,
  };
}

/** Changed paths of a diff's name-status text. */
export const changedPaths = (diff: CandidateDiff) =>
  diff.nameStatus
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t').at(-1) ?? '')
    .filter(Boolean);
