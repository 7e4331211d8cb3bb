import { conflict } from '../errors.ts';
import type { WorkflowEventType } from '../lifecycle/machine.ts';
import { applyCandidateAudit, type CandidateFileAudit } from './candidate-audit.ts';
import { candidateDiff, changedPaths } from './candidate-diff.ts';
import { DeliveryError } from './delivery-error.ts';
import type { PullRequestAi } from './delivery-model.ts';
import { git } from './git-command.ts';
import { IntegrationReport, integrateCandidate } from './integration.ts';
import {
  DELIVERY_ARTIFACTS,
  type DeliveryPhaseContext,
  type DeliveryPhaseDeps,
  parseJsonObject,
  requireWorktree,
} from './phase-context.ts';
import { fallbackPullRequestDraft, type PullRequestDraft } from './pr-draft.ts';
import type { PullRequestRecord } from './provider.ts';
import { hookPolicyOf } from './ticket-delivery.ts';

// workflow.md §10.10 CREATING_PULL_REQUEST as a phase: audit the candidate's files (exclusions rebuild it), draft
// the title and body (fallback never blocks), push with a lease, create the draft PR or update the existing one,
// record `pull_request_report`. Failures block; side effects are never retried automatically, and a user's Retry
// (attempt > 1) re-reads the remote first, so it updates the one PR instead of opening another.

export interface PullRequestReport {
  pullRequest: PullRequestRecord;
  candidateSha: string;
  /** Where the title and body came from: the model's draft, or the deterministic fallback. */
  draftSource: 'model' | 'fallback';
  draftError: string | null;
  provider: PullRequestRecord['provider'];
}

export interface PullRequestPhaseDeps extends DeliveryPhaseDeps {
  /** Absent: no audit is asked (all files kept, recorded as `not_run`) and the fallback text is used. */
  ai?: PullRequestAi;
}

const STATUS = 'CREATING_PULL_REQUEST';

export function createPullRequestPhase(deps: PullRequestPhaseDeps) {
  const { artifacts } = deps;
  return async (ctx: DeliveryPhaseContext): Promise<{ event: WorkflowEventType }> => {
    const { ticket } = ctx;
    const worktree = requireWorktree(ticket);
    const integration = IntegrationReport.parse(
      parseJsonObject((await artifacts.requireLatest(ticket, DELIVERY_ARTIFACTS.integration)).content),
    );
    // The candidate is one commit on the merge base: integration made it, an exclusion rebuild (below, maybe in an
    // earlier attempt) remade it. Anything else means the branch moved under us; deliver nothing unreviewed.
    let candidate = await git(worktree, ['rev-parse', 'HEAD']);
    const parent = await git(worktree, ['rev-parse', `${candidate}^`]).catch(() => '');
    if (parent !== integration.mergeBase) {
      throw new DeliveryError(
        'HEAD_MOVED',
        `${ticket.externalId}'s branch is no longer one candidate commit on the merge base; integrate again (Retry from INTEGRATING_CHANGES).`,
        {
          head: candidate,
          mergeBase: integration.mergeBase,
        },
      );
    }

    let diff = await candidateDiff(worktree, integration.mergeBase, candidate);
    const audited = deps.ai
      ? await deps.ai.audit(ctx, diff)
      : { audit: applyCandidateAudit(changedPaths(diff), null, null, 'not_run'), attempts: [] };
    const audit: CandidateFileAudit = audited.audit;
    if (audit.excluded.length > 0) {
      // §10.10 step 1: rebuild the candidate from the merge base with only include + review files.
      const rebuilt = await integrateCandidate({
        worktree,
        baseBranch: integration.baseBranch,
        candidatePaths: audit.kept,
        message: await git(worktree, ['log', '-1', '--format=%B', candidate]).then(
          (m) => m.split('\nLoopTroop-')[0] ?? m,
        ),
        externalId: ticket.externalId,
        runNativeHooks: hookPolicyOf(ticket) === 'use_native_hooks',
        signal: ctx.signal,
      });
      candidate = rebuilt.candidateSha;
      diff = await candidateDiff(worktree, integration.mergeBase, candidate);
    }
    await artifacts.write(
      ticket,
      STATUS,
      DELIVERY_ARTIFACTS.fileAudit,
      JSON.stringify({ ...audit, attempts: audited.attempts.length }, null, 2),
    );
    await artifacts.write(ticket, STATUS, DELIVERY_ARTIFACTS.candidateDiff, JSON.stringify(diff, null, 2));
    ctx.signal.throwIfAborted();

    let draft: PullRequestDraft | null = null;
    let draftError: string | null = null;
    if (deps.ai) {
      const drafted = await deps.ai
        .draft(ctx, { ...integration, candidateSha: candidate }, diff)
        .catch((error: unknown) => {
          if (ctx.signal.aborted) throw error;
          return { draft: null, error: error instanceof Error ? error.message : String(error), attempts: [] };
        });
      draft = drafted.draft;
      draftError = drafted.error;
    }
    const content =
      draft ??
      fallbackPullRequestDraft({
        externalId: ticket.externalId,
        ticketTitle: ticket.title,
        ticketDescription: ticket.description,
        integration: { ...integration, candidateSha: candidate },
      });
    ctx.signal.throwIfAborted();

    const pullRequest = await deps.delivery.publish(ticket, candidate, content, { refetch: ctx.phaseAttempt > 1 });
    const report: PullRequestReport = {
      pullRequest,
      candidateSha: candidate,
      draftSource: draft ? 'model' : 'fallback',
      draftError,
      provider: pullRequest.provider,
    };
    await artifacts.write(ticket, STATUS, DELIVERY_ARTIFACTS.pullRequest, JSON.stringify(report, null, 2));
    return { event: 'PULL_REQUEST_READY' };
  };
}

/** The candidate under review: the one `pull_request_report` recorded (§10.10 step 4). 409 when nothing was published. */
export function publishedCandidate(reportContent: string | undefined): string {
  const candidate = parseJsonObject(reportContent)?.candidateSha;
  if (typeof candidate !== 'string' || !candidate) {
    throw conflict('No pull request was published for this ticket yet; there is nothing to merge.', {
      missing: 'pull_request_report',
    });
  }
  return candidate;
}
