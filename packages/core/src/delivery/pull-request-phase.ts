import type { WorkflowEventType } from '../lifecycle/machine.ts';
import { IntegrationReport } from './integration.ts';
import {
  DELIVERY_ARTIFACTS,
  type DeliveryPhaseContext,
  type DeliveryPhaseDeps,
  parseJsonObject,
} from './phase-context.ts';
import { fallbackPullRequestDraft, type PullRequestDraft } from './pr-draft.ts';
import type { PullRequestRecord } from './provider.ts';

// workflow.md §10.10 CREATING_PULL_REQUEST as a phase: draft the title and body, push the candidate with a lease,
// create the draft PR or update the existing one, and record the `pull_request_report`. A failure blocks (the
// runner records it); side effects are never retried automatically, and a user's Retry (attempt > 1) re-reads the
// remote first, so it updates the one PR instead of opening another.

export interface PullRequestReport {
  pullRequest: PullRequestRecord;
  candidateSha: string;
  /** Where the title and body came from: the model's draft, or the deterministic fallback. */
  draftSource: 'model' | 'fallback';
  draftError: string | null;
  provider: PullRequestRecord['provider'];
}

export interface PullRequestPhaseDeps extends DeliveryPhaseDeps {
  /** The model's PR draft (fresh session, tools off); null or a throw means "use the fallback" (§10.10 step 2). */
  draftPullRequest?: (ctx: DeliveryPhaseContext, integration: IntegrationReport) => Promise<PullRequestDraft | null>;
}

export function createPullRequestPhase(deps: PullRequestPhaseDeps) {
  return async (ctx: DeliveryPhaseContext): Promise<{ event: WorkflowEventType }> => {
    const { ticket } = ctx;
    const stored = await deps.artifacts.requireLatest(ticket, DELIVERY_ARTIFACTS.integration);
    const integration = IntegrationReport.parse(parseJsonObject(stored.content));

    let draft: PullRequestDraft | null = null;
    let draftError: string | null = null;
    try {
      draft = (await deps.draftPullRequest?.(ctx, integration)) ?? null;
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      draftError = error instanceof Error ? error.message : String(error);
    }
    const content =
      draft ??
      fallbackPullRequestDraft({
        externalId: ticket.externalId,
        ticketTitle: ticket.title,
        ticketDescription: ticket.description,
        integration,
      });
    ctx.signal.throwIfAborted();

    const pullRequest = await deps.delivery.publish(ticket, integration.candidateSha, content, {
      refetch: ctx.phaseAttempt > 1,
    });
    const report: PullRequestReport = {
      pullRequest,
      candidateSha: integration.candidateSha,
      draftSource: draft ? 'model' : 'fallback',
      draftError,
      provider: pullRequest.provider,
    };
    await deps.artifacts.write(
      ticket,
      'CREATING_PULL_REQUEST',
      DELIVERY_ARTIFACTS.pullRequest,
      JSON.stringify(report, null, 2),
    );
    return { event: 'PULL_REQUEST_READY' };
  };
}
