import type { Clock } from '../lib/clock.ts';
import { pushCandidateBranch } from './branch-push.ts';
import { DeliveryError } from './delivery-error.ts';
import { createGithubApi, type GithubPull } from './github-api.ts';
import type { GithubTarget } from './github-target.ts';
import type { DeliveryProvider, DeliveryTarget, MergeResult, PullRequestRecord, VerifyResult } from './provider.ts';

// workflow.md §10.10–§10.11 on GitHub, through its API (LoopTroop itself shells out to `gh`; issue 14 asks for the
// API). The candidate still travels by git (a leased push to `origin`); GitHub holds the draft PR, the ready flag,
// the merge, and answers the verification.

export interface GithubProviderOptions {
  target: GithubTarget;
  token: string;
  /** The git remote that is this GitHub repository. */
  remote: string;
  clock: Clock;
  env?: Record<string, string | undefined>;
  /** How long to wait for GitHub to show the merge on the base branch (it may lag a moment). */
  verifyAttempts?: number;
  verifyDelayMs?: number;
}

export function pullRecord(pull: GithubPull, target: DeliveryTarget): PullRequestRecord {
  const merged = pull.merged === true || Boolean(pull.merged_at);
  return {
    provider: 'github',
    number: pull.number,
    url: pull.html_url,
    state: merged ? 'merged' : pull.state === 'closed' ? 'closed' : pull.draft ? 'draft' : 'open',
    headBranch: target.headBranch,
    baseBranch: target.baseBranch,
    headSha: pull.head.sha,
    title: pull.title,
    body: pull.body ?? '',
    createdAt: pull.created_at,
    updatedAt: pull.updated_at,
    mergeCommitSha: merged ? pull.merge_commit_sha : null,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createGithubProvider(options: GithubProviderOptions): DeliveryProvider {
  const api = createGithubApi(options.target, options.token);
  const attempts = options.verifyAttempts ?? 5;
  const delayMs = options.verifyDelayMs ?? 1_000;

  /** The newest PR for the branch; an open one wins over an older closed or merged one. */
  async function findPull(target: DeliveryTarget): Promise<GithubPull | null> {
    const pulls = await api.pullsForBranch(target.headBranch);
    return pulls.find((p) => p.state === 'open') ?? pulls[0] ?? null;
  }

  async function verify(target: DeliveryTarget): Promise<VerifyResult> {
    const contains = await api.baseContains(target.baseBranch, target.candidateSha);
    return { contains, baseSha: await api.branchSha(target.baseBranch) };
  }

  /** After a merge (ours or by hand), GitHub's base branch must contain the candidate (§10.11). */
  async function verifyAfterMerge(target: DeliveryTarget): Promise<VerifyResult> {
    for (let attempt = 1; ; attempt++) {
      const result = await verify(target);
      if (result.contains) return result;
      if (attempt >= attempts) {
        throw new DeliveryError(
          'VERIFY_FAILED',
          `GitHub's ${target.baseBranch} does not contain the candidate commit after the merge.`,
          {
            baseSha: result.baseSha,
            candidateSha: target.candidateSha,
          },
        );
      }
      await sleep(delayMs);
    }
  }

  async function mergedResult(target: DeliveryTarget, pull: GithubPull, alreadyMerged: boolean): Promise<MergeResult> {
    const checked = await verifyAfterMerge(target);
    return {
      record: pullRecord(pull, target),
      alreadyMerged,
      method: alreadyMerged ? 'none' : 'forge',
      baseSha: checked.baseSha,
      verified: true,
      manualCommand: null,
    };
  }

  return {
    kind: 'github',
    label: `GitHub ${options.target.owner}/${options.target.repo}`,

    async publish(target, content, publishOptions = {}) {
      await pushCandidateBranch(target, options.remote, {
        env: options.env,
        refetch: publishOptions.refetch,
        ...(publishOptions.signal && { signal: publishOptions.signal }),
      });
      publishOptions.signal?.throwIfAborted();
      // §10.10: find the PR for this branch first, so a Retry (or a second run) updates it instead of opening another.
      const existing = await findPull(target);
      if (existing && existing.state === 'open')
        return pullRecord(await api.updatePull(existing.number, content), target);
      if (existing && !existing.merged && !existing.merged_at) {
        return pullRecord(await api.updatePull(existing.number, { ...content, state: 'open' }), target);
      }
      const created = await api
        .createDraftPull({ head: target.headBranch, base: target.baseBranch, ...content })
        .catch(async (error: unknown) => {
          // Someone (or an earlier attempt whose answer was lost) opened one meanwhile: update it instead.
          const raced = await findPull(target);
          if (raced && raced.state === 'open') return api.updatePull(raced.number, content);
          throw error;
        });
      return pullRecord(created, target);
    },

    async read(target) {
      const pull = await findPull(target);
      return pull ? pullRecord(pull, target) : null;
    },

    async merge(target): Promise<MergeResult> {
      // §4.4 Retry of a merge failure: re-check the remote first; a PR merged (by hand or by us) is never merged again.
      const pull = await findPull(target);
      if (!pull) {
        throw new DeliveryError(
          'FORGE_REJECTED',
          `There is no pull request for the branch ${target.headBranch} on GitHub.`,
          {
            headBranch: target.headBranch,
          },
        );
      }
      if (pull.merged || pull.merged_at) return mergedResult(target, pull, true);
      if (pull.state === 'closed') {
        throw new DeliveryError(
          'PR_CLOSED',
          `Pull request #${pull.number} was closed on GitHub without merging; reopen it there, then retry.`,
          {
            number: pull.number,
            url: pull.html_url,
          },
        );
      }
      if (pull.head.sha !== target.candidateSha) {
        throw new DeliveryError(
          'HEAD_MOVED',
          `Pull request #${pull.number} no longer points at the candidate commit; someone pushed to ${target.headBranch}.`,
          {
            number: pull.number,
            headSha: pull.head.sha,
            candidateSha: target.candidateSha,
          },
        );
      }
      if (pull.draft) await api.markReady(pull.node_id);
      try {
        await api.merge(
          pull.number,
          target.candidateSha,
          `Merge pull request #${pull.number} from ${target.headBranch}`,
        );
      } catch (error) {
        const now = await api.getPull(pull.number);
        if (now.merged || now.merged_at) return mergedResult(target, now, true);
        throw error;
      }
      return mergedResult(target, await api.getPull(pull.number), false);
    },

    verify,
  };
}
