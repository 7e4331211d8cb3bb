import type { Clock } from '../lib/clock.ts';
import { prepareBaseMerge } from './base-merge.ts';
import { fetchBranch, lsRemoteBranch, pushCandidateBranch, pushWithLease } from './branch-push.ts';
import { DeliveryError } from './delivery-error.ts';
import { git, isAncestor } from './git-command.ts';
import type {
  DeliveryProvider,
  DeliveryTarget,
  MergeResult,
  PullRequestContent,
  PullRequestRecord,
  VerifyResult,
} from './provider.ts';

// Any remote that is not GitHub (a bare repository, Gitea, GitLab, an SSH server): spec README decision "plain git
// (push the branch, merge on approval)". The "pull request" is LoopTroop's own review record; the review page is the
// review. Merge happens here, fast-forward when possible, and reaches the remote base only through a leased push.

export interface PlainGitProviderOptions {
  remote: string;
  /** The remote's URL, for the label and reports (never contains credentials we add). */
  remoteUrl: string | null;
  clock: Clock;
  env?: Record<string, string | undefined>;
}

export const mergeMessage = (target: DeliveryTarget) =>
  `Merge branch '${target.headBranch}' into ${target.baseBranch} (LoopTroop)`;

/** Subject and body of the candidate commit: the review record's title and description. */
export async function candidateContent(target: DeliveryTarget): Promise<PullRequestContent> {
  const subject = await git(target.repoDir, ['log', '-1', '--format=%s', target.candidateSha]).catch(() => '');
  const body = await git(target.repoDir, ['log', '-1', '--format=%b', target.candidateSha]).catch(() => '');
  return { title: subject, body };
}

export function createPlainGitProvider(options: PlainGitProviderOptions): DeliveryProvider {
  const { remote, clock, env } = options;
  const run = { env };

  function record(
    target: DeliveryTarget,
    content: PullRequestContent,
    state: PullRequestRecord['state'],
    headSha: string | null,
  ): PullRequestRecord {
    return {
      provider: 'git',
      number: null,
      url: null,
      state,
      headBranch: target.headBranch,
      baseBranch: target.baseBranch,
      headSha,
      title: content.title,
      body: content.body,
      createdAt: null,
      updatedAt: clock.isoNow(),
      mergeCommitSha: null,
    };
  }

  async function remoteBase(target: DeliveryTarget): Promise<string> {
    const sha = await fetchBranch(target.repoDir, remote, target.baseBranch, run);
    if (!sha) {
      throw new DeliveryError(
        'PUSH_REJECTED',
        `The remote ${remote} has no branch ${target.baseBranch} to merge into.`,
        {
          remote,
          baseBranch: target.baseBranch,
        },
      );
    }
    return sha;
  }

  async function verify(target: DeliveryTarget): Promise<VerifyResult> {
    const baseSha = await remoteBase(target);
    return { contains: await isAncestor(target.repoDir, target.candidateSha, baseSha), baseSha };
  }

  return {
    kind: 'git',
    label: `git remote ${remote}${options.remoteUrl ? ` (${options.remoteUrl})` : ''}`,

    async publish(target, content, publishOptions = {}) {
      await pushCandidateBranch(target, remote, {
        ...run,
        refetch: publishOptions.refetch,
        ...(publishOptions.signal && { signal: publishOptions.signal }),
      });
      return record(target, content, 'open', target.candidateSha);
    },

    async read(target) {
      const headSha = await lsRemoteBranch(target.repoDir, remote, target.headBranch, run);
      if (!headSha) return null;
      const merged = (await verify(target)).contains;
      return record(target, await candidateContent(target), merged ? 'merged' : 'open', headSha);
    },

    async merge(target): Promise<MergeResult> {
      // §4.4 Retry: always start from what the remote holds now; the lease below is taken on exactly that.
      const baseSha = await remoteBase(target);
      const prepared = await prepareBaseMerge(target.repoDir, baseSha, target.candidateSha, {
        message: mergeMessage(target),
        runNativeHooks: target.runNativeHooks,
      });
      if (prepared.method !== 'none') {
        await pushWithLease(target.repoDir, remote, prepared.sha, target.baseBranch, baseSha, {
          ...run,
          runNativeHooks: target.runNativeHooks,
        });
      }
      const checked = await verify(target);
      if (!checked.contains) {
        throw new DeliveryError(
          'VERIFY_FAILED',
          `The remote ${target.baseBranch} does not contain the candidate after the push.`,
          {
            baseSha: checked.baseSha,
            candidateSha: target.candidateSha,
          },
        );
      }
      const content = await candidateContent(target);
      return {
        record: record(target, content, 'merged', target.candidateSha),
        alreadyMerged: prepared.method === 'none',
        method: prepared.method,
        baseSha: checked.baseSha,
        verified: true,
        manualCommand: null,
      };
    },

    verify,
  };
}
