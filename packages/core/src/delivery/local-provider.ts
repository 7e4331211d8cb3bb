import type { Clock } from '../lib/clock.ts';
import { prepareBaseMerge } from './base-merge.ts';
import { DeliveryError } from './delivery-error.ts';
import { git, isAncestor, runGit } from './git-command.ts';
import { candidateContent, mergeMessage } from './plain-git-provider.ts';
import {
  type DeliveryProvider,
  type DeliveryTarget,
  MERGE_AVAILABLE,
  type MergeAvailability,
  type MergeResult,
  type PullRequestRecord,
  type VerifyResult,
} from './provider.ts';

// A project without a remote (spec README: "any git remote, or none"). Nothing is pushed; the review record is
// LoopTroop's own. Merge moves the local base branch, but only when no working tree has it checked out: moving a
// checked-out branch would leave that checkout's files behind its HEAD. Otherwise the ticket finishes with the exact
// command for the user to run (issue 14), and nothing of theirs is touched.

export interface LocalProviderOptions {
  /** The repository root (the user's checkout), named in the command we hand over. */
  repoRoot: string;
  clock: Clock;
}

async function branchSha(repoDir: string, branch: string): Promise<string> {
  const result = await runGit(repoDir, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`]);
  const sha = result.stdout.trim();
  if (result.code !== 0 || !sha) {
    throw new DeliveryError('GIT_FAILED', `The branch ${branch} does not exist in this repository.`, { branch });
  }
  return sha;
}

/** Paths of the working trees that have `branch` checked out (the main checkout included). */
export async function worktreesOnBranch(repoDir: string, branch: string): Promise<string[]> {
  const list = await git(repoDir, ['worktree', 'list', '--porcelain']);
  const paths: string[] = [];
  let current: string | null = null;
  for (const line of list.split('\n')) {
    if (line.startsWith('worktree ')) current = line.slice('worktree '.length);
    if (line === `branch refs/heads/${branch}` && current) paths.push(current);
  }
  return paths;
}

export function createLocalProvider(options: LocalProviderOptions): DeliveryProvider {
  const { clock } = options;

  async function record(target: DeliveryTarget, state: PullRequestRecord['state']): Promise<PullRequestRecord> {
    const content = await candidateContent(target);
    return {
      provider: 'local',
      number: null,
      url: null,
      state,
      headBranch: target.headBranch,
      baseBranch: target.baseBranch,
      headSha: target.candidateSha,
      title: content.title,
      body: content.body,
      createdAt: null,
      updatedAt: clock.isoNow(),
      mergeCommitSha: null,
    };
  }

  /** The exact command for the user when a working tree has the base branch checked out; null when none has. */
  async function manualMergeCommand(target: DeliveryTarget, baseSha: string): Promise<string | null> {
    const checkedOut = await worktreesOnBranch(target.repoDir, target.baseBranch);
    if (checkedOut.length === 0) return null;
    const canFastForward = await isAncestor(target.repoDir, baseSha, target.candidateSha);
    const where = checkedOut[0] ?? options.repoRoot;
    return `git -C ${shellQuote(where)} merge ${canFastForward ? '--ff-only' : '--no-ff'} ${target.headBranch}`;
  }

  async function verify(target: DeliveryTarget): Promise<VerifyResult> {
    const baseSha = await branchSha(target.repoDir, target.baseBranch);
    return { contains: await isAncestor(target.repoDir, target.candidateSha, baseSha), baseSha };
  }

  return {
    kind: 'local',
    label: 'no remote (local branches only)',

    async publish(target, content) {
      const base = await record(target, 'open');
      return { ...base, title: content.title, body: content.body };
    },

    async read(target) {
      return record(target, (await verify(target)).contains ? 'merged' : 'open');
    },

    async merge(target): Promise<MergeResult> {
      const baseSha = await branchSha(target.repoDir, target.baseBranch);
      if (await isAncestor(target.repoDir, target.candidateSha, baseSha)) {
        return {
          record: await record(target, 'merged'),
          alreadyMerged: true,
          method: 'none',
          baseSha,
          verified: true,
          manualCommand: null,
        };
      }
      // Checked out since Merge was offered (mergeAvailability): still never moved under a checkout.
      const manualCommand = await manualMergeCommand(target, baseSha);
      if (manualCommand) {
        return {
          record: await record(target, 'open'),
          alreadyMerged: false,
          method: 'manual',
          baseSha,
          verified: false,
          manualCommand,
        };
      }
      const prepared = await prepareBaseMerge(target.repoDir, baseSha, target.candidateSha, {
        message: mergeMessage(target),
        runNativeHooks: target.runNativeHooks,
      });
      // The old value makes update-ref refuse when the branch moved since we read it (the local form of a lease).
      const moved = await runGit(target.repoDir, [
        'update-ref',
        `refs/heads/${target.baseBranch}`,
        prepared.sha,
        baseSha,
      ]);
      if (moved.code !== 0) {
        throw new DeliveryError(
          'REMOTE_MOVED',
          `The branch ${target.baseBranch} moved while merging; nothing was changed. Retry merges again.`,
          {
            baseSha,
            output: moved.stderr.trim(),
          },
        );
      }
      const checked = await verify(target);
      if (!checked.contains) {
        throw new DeliveryError(
          'VERIFY_FAILED',
          `${target.baseBranch} does not contain the candidate after the merge.`,
          {
            baseSha: checked.baseSha,
          },
        );
      }
      return {
        record: await record(target, 'merged'),
        alreadyMerged: false,
        method: prepared.method,
        baseSha: checked.baseSha,
        verified: true,
        manualCommand: null,
      };
    },

    async mergeAvailability(target): Promise<MergeAvailability> {
      const baseSha = await branchSha(target.repoDir, target.baseBranch);
      // Merged by hand already: Merge only verifies and finishes (§10.11 polling takes that path too).
      if (await isAncestor(target.repoDir, target.candidateSha, baseSha)) return MERGE_AVAILABLE;
      const manualCommand = await manualMergeCommand(target, baseSha);
      if (!manualCommand) return MERGE_AVAILABLE;
      return {
        available: false,
        reason: `${target.baseBranch} is checked out, and LoopTroop never moves a checked-out branch. Run the command in that checkout; LoopTroop then sees the merge and finishes the ticket.`,
        manualCommand,
      };
    },

    verify,
  };
}

const shellQuote = (path: string) => (/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`);
