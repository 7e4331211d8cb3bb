import type { BareRepo } from './bare-repo.ts';

/** A pull request as the stand-in stores it; `headSha` is read from the branch, as GitHub does. */
export interface StoredPull {
  number: number;
  nodeId: string;
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
  state: 'open' | 'closed';
  merged: boolean;
  mergeCommitSha: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The REST body of a pull request: the fields GitHub sends that LoopTroop reads, under GitHub's names. */
export function pullJson(pull: StoredPull, repo: BareRepo, baseUrl: string, owner: string, name: string) {
  return {
    id: pull.number * 1000,
    node_id: pull.nodeId,
    number: pull.number,
    html_url: `${baseUrl}/${owner}/${name}/pull/${pull.number}`,
    url: `${baseUrl}/repos/${owner}/${name}/pulls/${pull.number}`,
    state: pull.state,
    draft: pull.draft,
    merged: pull.merged,
    merged_at: pull.merged ? pull.updatedAt : null,
    merge_commit_sha: pull.mergeCommitSha,
    title: pull.title,
    body: pull.body,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    head: { ref: pull.head, sha: repo.branchSha(pull.head), label: `${owner}:${pull.head}` },
    base: { ref: pull.base, sha: repo.branchSha(pull.base), label: `${owner}:${pull.base}` },
  };
}

export type MergeAnswer =
  | { status: 200; body: { sha: string; merged: true; message: string } }
  | { status: 405 | 409 | 422; body: { message: string } };

/** GitHub's merge rules as far as LoopTroop meets them: drafts, closed PRs, a moved head, conflicts. */
export function mergePull(pull: StoredPull, repo: BareRepo, expectedSha: string | undefined, now: string): MergeAnswer {
  if (pull.merged || pull.state !== 'open') return { status: 405, body: { message: 'Pull Request is not mergeable' } };
  if (pull.draft) return { status: 405, body: { message: 'Pull Request is still a draft' } };
  const headSha = repo.branchSha(pull.head);
  if (!headSha) return { status: 422, body: { message: 'Head branch is missing' } };
  if (expectedSha && expectedSha !== headSha) {
    return { status: 409, body: { message: 'Head branch was modified. Review and try the merge again.' } };
  }
  const merged = repo.mergeInto(pull.base, headSha, `Merge pull request #${pull.number} from ${pull.head}`);
  if (!merged) return { status: 405, body: { message: 'Pull Request is not mergeable' } };
  pull.merged = true;
  pull.state = 'closed';
  pull.mergeCommitSha = merged;
  pull.updatedAt = now;
  return { status: 200, body: { sha: merged, merged: true, message: 'Pull Request successfully merged' } };
}
