import { z } from 'zod';
import { DeliveryError } from './delivery-error.ts';
import { git, runGit } from './git-command.ts';

// workflow.md §10.9 INTEGRATING_CHANGES (deterministic git): the bead commits become ONE candidate commit holding
// exactly the candidate paths, on the ticket branch, in the ticket's worktree. `.ticket/**` never enters it (§10.1).

export const INTEGRATION_EXCLUDES = [':(exclude).ticket', ':(exclude).looptroop'];

export const IntegrationFile = z.object({
  path: z.string(),
  /** git's name-status letter: A, M, D, R, T. */
  status: z.string(),
  additions: z.number().int().nullable(),
  deletions: z.number().int().nullable(),
});

/** The integration report (§10.9 step 5); artifact type `integration_report` (§17 point 10: our name). */
export const IntegrationReport = z.object({
  candidateSha: z.string(),
  mergeBase: z.string(),
  preSquashHead: z.string(),
  squashedCommits: z.number().int(),
  baseBranch: z.string(),
  files: z.array(IntegrationFile),
  totals: z.object({ files: z.number().int(), additions: z.number().int(), deletions: z.number().int() }),
  /** Paths that changed in the worktree but were not candidates (local-only outputs stay unstaged). */
  leftUnstaged: z.array(z.string()),
});
export type IntegrationReport = z.infer<typeof IntegrationReport>;

export interface IntegrationInput {
  worktree: string;
  baseBranch: string;
  /** From the final-test audit; null means every changed path (outside `.ticket/`). */
  candidatePaths: string[] | null;
  /** The candidate commit's message; LoopTroop's metadata trailers are appended. */
  message: string;
  externalId: string;
  /** §10.13: commit hooks run only under `use_native_hooks`. */
  runNativeHooks?: boolean;
  /** Cancel (§4.5): stops the git command running (a native hook included); HEAD and the index are put back. */
  signal?: AbortSignal;
}

/** Paths that differ from `from` (committed since, staged, unstaged, or untracked and not ignored). */
export async function changedPathsSince(worktree: string, from: string, signal?: AbortSignal): Promise<string[]> {
  const options = { ...(signal && { signal }) };
  const tracked = await git(
    worktree,
    ['diff', '--name-only', '--no-renames', from, '--', '.', ...INTEGRATION_EXCLUDES],
    options,
  );
  const untracked = await git(
    worktree,
    ['ls-files', '--others', '--exclude-standard', '--', '.', ...INTEGRATION_EXCLUDES],
    options,
  );
  return [...new Set([...tracked.split('\n'), ...untracked.split('\n')].filter(Boolean))].sort();
}

async function assertIntegrable(worktree: string): Promise<void> {
  const status = await runGit(worktree, ['status', '--porcelain=v1']);
  if (status.code !== 0) {
    throw new DeliveryError(
      'INTEGRATION_INDEX_CORRUPT',
      `git cannot read the worktree's index: ${status.stderr.trim()}`,
      {
        worktree,
      },
    );
  }
  const unmerged = status.stdout.split('\n').filter((line) => /^(DD|AU|UD|UA|DU|AA|UU) /.test(line));
  if (unmerged.length > 0) {
    throw new DeliveryError(
      'INTEGRATION_CONFLICT',
      `The worktree has ${unmerged.length} unmerged path(s); resolve them, then retry.`,
      {
        paths: unmerged.map((line) => line.slice(3)),
      },
    );
  }
}

function trailers(input: IntegrationInput, mergeBase: string, squashed: number): string {
  return [
    input.message.trim(),
    '',
    `LoopTroop-Ticket: ${input.externalId}`,
    `LoopTroop-Merge-Base: ${mergeBase}`,
    `LoopTroop-Squashed-Commits: ${squashed}`,
  ].join('\n');
}

async function fileStats(worktree: string, from: string, to: string): Promise<z.infer<typeof IntegrationFile>[]> {
  const statuses = await git(worktree, ['diff', '--name-status', '--no-renames', from, to]);
  const numstat = await git(worktree, ['diff', '--numstat', '--no-renames', from, to]);
  const counts = new Map(
    numstat
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [add, del, path] = line.split('\t');
        return [
          path ?? '',
          { additions: add === '-' ? null : Number(add), deletions: del === '-' ? null : Number(del) },
        ];
      }),
  );
  return statuses
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [status, path] = line.split('\t');
      const count = counts.get(path ?? '') ?? { additions: null, deletions: null };
      return { path: path ?? '', status: status ?? '?', ...count };
    });
}

/**
 * §10.9 steps 1, 2, 4, 5: merge base, `git reset --soft <merge-base>`, stage exactly the candidate paths, one
 * candidate commit with LoopTroop metadata, the report. If anything fails after the reset, HEAD is put back where it
 * was (the bead commits are not lost), so Retry starts from the same state.
 */
export async function integrateCandidate(input: IntegrationInput): Promise<IntegrationReport> {
  const { worktree, signal } = input;
  const run = (args: string[]) => git(worktree, args, { ...(signal && { signal }) });
  await assertIntegrable(worktree);
  const preSquashHead = await run(['rev-parse', 'HEAD']);
  const mergeBase = await run(['merge-base', 'HEAD', `refs/heads/${input.baseBranch}`]);
  const squashedCommits = Number(await run(['rev-list', '--count', `${mergeBase}..HEAD`]));
  const changed = await changedPathsSince(worktree, mergeBase, signal);
  const wanted = input.candidatePaths === null ? changed : [...new Set(input.candidatePaths)].sort();
  const candidates = wanted.filter((path) => !path.startsWith('.ticket/') && !path.startsWith('.looptroop/'));
  if (candidates.length === 0) {
    throw new DeliveryError('INTEGRATION_NO_CHANGES', 'The ticket changed no files that could be delivered.', {
      mergeBase,
      squashedCommits,
    });
  }

  await run(['reset', '--soft', mergeBase]);
  try {
    // The index now holds the bead commits; take it back to the merge base, then stage exactly the candidates
    // (`-f`: an explicitly intended ignored file is staged by its exact path, §10.9 step 2).
    await run(['read-tree', mergeBase]);
    await run(['add', '-A', '-f', '--', ...candidates]);
    const staged = await run(['diff', '--cached', '--name-only', mergeBase]);
    if (!staged) {
      throw new DeliveryError('INTEGRATION_NO_CHANGES', 'The candidate paths hold no change against the merge base.', {
        mergeBase,
        candidates,
      });
    }
    await run([
      'commit',
      '--quiet',
      ...(input.runNativeHooks ? [] : ['--no-verify']),
      '-m',
      trailers(input, mergeBase, squashedCommits),
    ]);
  } catch (error) {
    // Also after a cancel (no signal here): the ticket keeps its bead commits, never a half-made squash (§4.5).
    await runGit(worktree, ['reset', '--soft', preSquashHead]);
    await runGit(worktree, ['read-tree', preSquashHead]);
    throw error;
  }
  const candidateSha = await run(['rev-parse', 'HEAD']);
  const files = await fileStats(worktree, mergeBase, candidateSha);
  const leftUnstaged = (await changedPathsSince(worktree, candidateSha, signal)).filter(
    (path) => !candidates.includes(path),
  );
  return {
    candidateSha,
    mergeBase,
    preSquashHead,
    squashedCommits,
    baseBranch: input.baseBranch,
    files,
    totals: {
      files: files.length,
      additions: files.reduce((n, f) => n + (f.additions ?? 0), 0),
      deletions: files.reduce((n, f) => n + (f.deletions ?? 0), 0),
    },
    leftUnstaged,
  };
}
