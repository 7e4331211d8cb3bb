import { Octokit } from '@octokit/rest';
import { DeliveryError, type DeliveryErrorCode } from './delivery-error.ts';
import type { GithubTarget } from './github-target.ts';

// The GitHub calls delivery makes, and nothing else (the testkit stand-in serves exactly these). REST for pull
// requests, branches, compare and merge; GraphQL for draft → ready, which REST cannot do.

const READY_MUTATION = `mutation LoopTroopMarkReady($pullRequestId: ID!) {
  markPullRequestReadyForReview(input: { pullRequestId: $pullRequestId }) { pullRequest { id isDraft } }
}`;

/** The fields of a GitHub pull request delivery reads. */
export interface GithubPull {
  number: number;
  node_id: string;
  html_url: string;
  state: string;
  draft?: boolean;
  merged?: boolean;
  merged_at?: string | null;
  merge_commit_sha: string | null;
  title: string;
  body: string | null;
  created_at: string;
  updated_at: string;
  head: { ref: string; sha: string };
}

function statusOf(error: unknown): number | null {
  if (!error || typeof error !== 'object' || !('status' in error)) return null;
  return typeof error.status === 'number' ? error.status : null;
}

/** GitHub's own error text, never the request (whose headers carry the token). */
function messageOf(error: unknown): string {
  const data = error && typeof error === 'object' && 'response' in error ? error.response : null;
  const body = data && typeof data === 'object' && 'data' in data ? data.data : null;
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') return body.message;
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/** Map a failed GitHub call to a delivery error; `action` says what we were doing, for the user. */
export function forgeError(error: unknown, action: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const status = statusOf(error);
  const code: DeliveryErrorCode =
    status === 401 || status === 403
      ? 'FORGE_AUTH'
      : status === null || status >= 500 || status === 429
        ? 'FORGE_UNAVAILABLE'
        : 'FORGE_REJECTED';
  return new DeliveryError(code, `GitHub refused to ${action}: ${messageOf(error)}`, { status, action });
}

export function createGithubApi(target: GithubTarget, token: string) {
  const octokit = new Octokit({
    auth: token,
    baseUrl: target.apiBaseUrl,
    userAgent: 'looptroop',
    // Octokit's default logger prints request summaries; delivery reports outcomes itself.
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  const repo = { owner: target.owner, repo: target.repo };

  async function call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw forgeError(error, action);
    }
  }

  return {
    repository: () => call('read the repository', async () => (await octokit.rest.repos.get(repo)).data),

    /** Every pull request whose head is `branch` in this repository, newest first. */
    pullsForBranch: (branch: string) =>
      call('list pull requests', async (): Promise<GithubPull[]> => {
        const { data } = await octokit.rest.pulls.list({
          ...repo,
          head: `${target.owner}:${branch}`,
          state: 'all',
          per_page: 100,
        });
        return [...data].sort((a, b) => b.number - a.number);
      }),

    getPull: (number: number) =>
      call('read the pull request', async () => (await octokit.rest.pulls.get({ ...repo, pull_number: number })).data),

    createDraftPull: (input: { head: string; base: string; title: string; body: string }) =>
      call(
        'create the pull request',
        async () => (await octokit.rest.pulls.create({ ...repo, ...input, draft: true })).data,
      ),

    updatePull: (number: number, input: { title: string; body: string; state?: 'open' }) =>
      call(
        'update the pull request',
        async () => (await octokit.rest.pulls.update({ ...repo, pull_number: number, ...input })).data,
      ),

    markReady: (nodeId: string) =>
      call('mark the pull request ready for review', () => octokit.graphql(READY_MUTATION, { pullRequestId: nodeId })),

    /**
     * workflow.md §17 point 11 leaves the merge method open: `merge` keeps the candidate commit itself on the base
     * branch, so "the base contains the candidate" stays checkable (squash and rebase would make new commits).
     * `sha` makes GitHub refuse (409) if the head moved since we checked it.
     */
    merge: (number: number, sha: string, title: string) =>
      call(
        'merge the pull request',
        async () =>
          (
            await octokit.rest.pulls.merge({
              ...repo,
              pull_number: number,
              sha,
              merge_method: 'merge',
              commit_title: title,
            })
          ).data,
      ),

    branchSha: (branch: string) =>
      call(
        'read the base branch',
        async () => (await octokit.rest.repos.getBranch({ ...repo, branch })).data.commit.sha,
      ),

    /** True when `base` contains `sha` (compare says the commit is behind or identical); false when GitHub lacks it. */
    baseContains: (base: string, sha: string) =>
      call('compare the base branch', async () => {
        try {
          const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
            ...repo,
            basehead: `${base}...${sha}`,
          });
          return data.status === 'behind' || data.status === 'identical';
        } catch (error) {
          if (statusOf(error) === 404) return false;
          throw error;
        }
      }),
  };
}

export type GithubApi = ReturnType<typeof createGithubApi>;
