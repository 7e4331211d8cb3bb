// The git operations the workflow needs, as one small port owned by its consumers (Start, cancel, and the
// execution band: pre-flight, bead commits, Ralph resets, final diff, integration, push). `simple-git.ts` is the
// real implementation; every path argument is a folder inside a repository or one of its worktrees.

/** Paths LoopTroop keeps out of every diff and commit: the ticket's own folder (architecture.md §2.1). */
export const TICKET_PATHSPEC = '.ticket';

export interface CommitRequest {
  /** Repo-relative paths (or pathspecs) to stage and commit; changes elsewhere stay out of the commit. */
  paths: string[];
  message: string;
  /** Skip the repository's commit hooks (`--no-verify`), per the ticket's git hook policy (workflow.md §1.2). */
  noVerify?: boolean;
}

export interface PushRequest {
  /** Remote name, `origin` unless told. */
  remote?: string;
  /** Local ref or commit to push. */
  source: string;
  /** Branch on the remote, e.g. `SMP-12`. */
  branch: string;
  /**
   * Force with lease: `true` leases against our remote-tracking ref, a commit leases against exactly that commit
   * (the push fails if the remote branch moved). Omitted or `false`: a plain fast-forward push.
   */
  lease?: boolean | { expect: string };
  /** Skip the repository's pre-push hook (`--no-verify`), per the git hook policy (workflow.md §10.13). */
  noVerify?: boolean;
}

export interface WorkingTreeStatus {
  /** Tracked paths with changes (modified, added, deleted, renamed), repo-relative. */
  committable: string[];
  /** Untracked paths that are not ignored. */
  untracked: string[];
}

export interface GitPort {
  /** The branch HEAD points at; null when detached. */
  currentBranch(dir: string): Promise<string | null>;
  /** Does the repository have a first commit to branch from? */
  hasCommits(dir: string): Promise<boolean>;
  /** Is anything under `path` tracked? */
  isTracked(dir: string, path: string): Promise<boolean>;
  /** The repository-local exclude file (`.git/info/exclude`, also right in a worktree). */
  excludeFile(dir: string): Promise<string>;
  /** Create (or reuse) a worktree at `path` on `branch`, forked from `baseBranch` when the branch is new. Idempotent. */
  createWorktree(repoRoot: string, path: string, branch: string, baseBranch: string): Promise<void>;
  /** Remove the worktree folder and its branch; missing pieces are fine (cleanup is idempotent). */
  removeWorktree(repoRoot: string, path: string, branch: string | null): Promise<void>;
  /**
   * Remove the lock files a killed git command left in this worktree (its index, HEAD and its branch's ref lock), so
   * the next git command there does not fail on them (workflow.md §4.5). Only call it when no git of ours runs there.
   * Returns the removed paths.
   */
  releaseLocks(dir: string): Promise<string[]>;
  /** The commit HEAD points at. */
  head(dir: string): Promise<string>;
  /** Stage and commit `paths`; the new commit, or null when they held nothing to commit. */
  commit(dir: string, request: CommitRequest): Promise<string | null>;
  /**
   * `reset --hard` to `commit` then remove untracked files, except under `preserve` (repo-relative pathspecs such as
   * `.ticket`): a Ralph retry starts from the bead's start commit but keeps the ticket's own notes (workflow.md §10).
   */
  resetHard(dir: string, commit: string, options: { preserve: string[] }): Promise<void>;
  /** Unified diff of code between two commits (`to` omitted: the working tree), never including `.ticket/`. */
  diff(dir: string, from: string, to?: string): Promise<string>;
  push(dir: string, request: PushRequest): Promise<void>;
  /** What a commit would take and what is untracked; `.ticket/` never appears. */
  status(dir: string): Promise<WorkingTreeStatus>;
  /** The best common ancestor of two commits, or null when they share none. */
  mergeBase(dir: string, a: string, b: string): Promise<string | null>;
}
