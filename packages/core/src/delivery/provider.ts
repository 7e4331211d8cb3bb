import { z } from 'zod';

// workflow.md §10.10–§10.11: what every delivery provider does, whatever hosts the repository. GitHub gets a real
// pull request; any other remote (or none) gets LoopTroop's own review record, and the review page is the review.

export const DeliveryProviderKind = z.enum(['github', 'git', 'local']);
export type DeliveryProviderKind = z.infer<typeof DeliveryProviderKind>;

/** The ticket's delivery coordinates; built from the project, the ticket and the integration report. */
export interface DeliveryTarget {
  /** A checkout of the repository that has the candidate commit (the ticket's worktree); refs are shared by all. */
  repoDir: string;
  /** The ticket branch, `<externalId>` (workflow.md §10.1). */
  headBranch: string;
  baseBranch: string;
  /** The one candidate commit of INTEGRATING_CHANGES (§10.9). */
  candidateSha: string;
  /** workflow.md §10.13: native hooks run only under `use_native_hooks`; otherwise LoopTroop's git bypasses them. */
  runNativeHooks?: boolean;
}

export interface PullRequestContent {
  title: string;
  body: string;
}

export const PullRequestState = z.enum(['draft', 'open', 'merged', 'closed']);
export type PullRequestState = z.infer<typeof PullRequestState>;

/** A pull request on the forge, or LoopTroop's own review record for a plain-git remote (number and url null). */
export const PullRequestRecord = z.object({
  provider: DeliveryProviderKind,
  number: z.number().int().nullable(),
  url: z.string().nullable(),
  state: PullRequestState,
  headBranch: z.string(),
  baseBranch: z.string(),
  /** The head commit the forge (or the remote branch) holds now. */
  headSha: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** The commit GitHub recorded for the merge (null when not merged or unknown). */
  mergeCommitSha: z.string().nullable(),
});
export type PullRequestRecord = z.infer<typeof PullRequestRecord>;

export interface VerifyResult {
  /** True when the base branch (on the remote, or locally without one) contains the candidate commit. */
  contains: boolean;
  baseSha: string | null;
}

export interface MergeResult {
  record: PullRequestRecord;
  /** True when the change was already merged (by hand, §10.11 polling), so no merge call was made. */
  alreadyMerged: boolean;
  /** How the base branch took the candidate. `manual` = nothing changed; the user runs `manualCommand`. */
  method: 'fast_forward' | 'merge_commit' | 'forge' | 'none' | 'manual';
  /** The base branch's commit after the merge (the merge commit, or the candidate after a fast-forward). */
  baseSha: string | null;
  /** Verified: the base branch contains the candidate. False only with `method: 'manual'`. */
  verified: boolean;
  /** Without a remote and with the base checked out somewhere: the exact command for the user (§10.11 decision). */
  manualCommand: string | null;
}

/**
 * Whether Merge PR & Finish can be offered now (issue 14: "offered only when a delivery provider can merge"). When
 * not, `reason` says why and `manualCommand` is what the user runs instead (no remote, base branch checked out).
 */
export const MergeAvailability = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  manualCommand: z.string().nullable(),
});
export type MergeAvailability = z.infer<typeof MergeAvailability>;

export const MERGE_AVAILABLE: MergeAvailability = { available: true, reason: null, manualCommand: null };

export interface DeliveryProvider {
  readonly kind: DeliveryProviderKind;
  /** A short human description for reports and pre-flight, e.g. `GitHub octo/app` or `git remote origin`. */
  readonly label: string;
  /**
   * §10.10 step 3: push the candidate to the remote branch `<headBranch>` with a lease, then create a draft pull
   * request or update the one that exists for that branch (never a second one). `refetch` (Retry) first re-reads
   * the remote branch, so a lease refused once is taken against what the remote holds now.
   */
  publish(
    target: DeliveryTarget,
    content: PullRequestContent,
    options?: { refetch?: boolean },
  ): Promise<PullRequestRecord>;
  /** The current state on the remote, or null when nothing was published for the branch. Never changes anything. */
  read(target: DeliveryTarget): Promise<PullRequestRecord | null>;
  /**
   * §10.11 Merge PR & Finish: re-read the remote; when already merged skip the merge; else mark ready, merge, and
   * verify the base branch contains the candidate. Throws a DeliveryError when anything is refused.
   */
  merge(target: DeliveryTarget): Promise<MergeResult>;
  /** Can `merge` do the merge itself right now? Absent: it always can (a refusal on the remote blocks instead). */
  mergeAvailability?(target: DeliveryTarget): Promise<MergeAvailability>;
  /** Whether the base branch holds the candidate now (remote base for remotes, local base without one). */
  verify(target: DeliveryTarget): Promise<VerifyResult>;
}
