import { AppError, type ErrorKind } from '../errors.ts';

/**
 * workflow.md §4.4, §10.10, §10.11: why a delivery step failed. The phase turns these into BLOCKED_ERROR codes; the
 * user's Retry re-reads the remote first. Stable codes, so the error panel never guesses from git's or GitHub's text.
 */
export type DeliveryErrorCode =
  /** Someone else pushed: the lease on the branch was refused (or the ref moved under the push). Retry re-fetches. */
  | 'REMOTE_MOVED'
  /** The remote refused the push for another reason (permissions, a server hook, a protected branch). */
  | 'PUSH_REJECTED'
  /** The candidate does not merge cleanly into the base branch. */
  | 'MERGE_CONFLICT'
  /** No credentials for the forge, or the credentials were refused (401/403). */
  | 'FORGE_AUTH'
  /** The forge or the remote did not answer (network, 5xx, timeout). */
  | 'FORGE_UNAVAILABLE'
  /** The forge refused the request (404, 405 not mergeable, 409 head moved, 422 invalid). */
  | 'FORGE_REJECTED'
  /** The pull request was closed without merging on the forge; LoopTroop does not reopen it to merge. */
  | 'PR_CLOSED'
  /** The pull request's head is not the candidate commit (someone pushed to the ticket branch). */
  | 'HEAD_MOVED'
  /** The merge reported success but the remote base branch does not contain the candidate. */
  | 'VERIFY_FAILED'
  /** A git command failed for a reason not listed above. */
  | 'GIT_FAILED'
  /** §10.9: the ticket changed nothing that could become a candidate commit. */
  | 'INTEGRATION_NO_CHANGES'
  /** §10.9: the worktree holds unmerged paths (a merge or rebase left half-done). */
  | 'INTEGRATION_CONFLICT'
  /** §10.9: git cannot read the worktree's index. */
  | 'INTEGRATION_INDEX_CORRUPT';

const KIND_OF: Record<DeliveryErrorCode, ErrorKind> = {
  REMOTE_MOVED: 'conflict',
  PUSH_REJECTED: 'conflict',
  MERGE_CONFLICT: 'conflict',
  FORGE_AUTH: 'precondition_failed',
  FORGE_UNAVAILABLE: 'bad_gateway',
  FORGE_REJECTED: 'conflict',
  PR_CLOSED: 'conflict',
  HEAD_MOVED: 'conflict',
  VERIFY_FAILED: 'conflict',
  GIT_FAILED: 'bad_gateway',
  INTEGRATION_NO_CHANGES: 'precondition_failed',
  INTEGRATION_CONFLICT: 'conflict',
  INTEGRATION_INDEX_CORRUPT: 'precondition_failed',
};

/** An AppError that also carries a delivery code; `details` never holds a token or an authorization header. */
export class DeliveryError extends AppError {
  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(KIND_OF[code], message, { code, ...details });
  }
}

export const isDeliveryError = (error: unknown): error is DeliveryError => error instanceof DeliveryError;
