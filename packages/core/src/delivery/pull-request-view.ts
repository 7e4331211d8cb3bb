import { z } from 'zod';
import type { ArtifactTypeName } from '../artifacts/artifact-type.ts';
import type { ArtifactService } from '../artifacts/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import { CandidateAuditDecision } from './candidate-audit.ts';
import { DELIVERY_ARTIFACTS, parseJsonObject } from './phase-context.ts';
import { type Delivery, MergeReport } from './port.ts';
import { MERGE_AVAILABLE, MergeAvailability, PullRequestRecord } from './provider.ts';

// workflow.md §10.11 WAITING_PR_REVIEW as one typed view, served by `GET /tickets/{id}/pull-request`: the pull request
// (or LoopTroop's review record), the candidate, the file audit, the net diff, whether Merge can be offered now, and
// how review ended. The web page and the CLI read this instead of parsing the report artifacts each on their own.

export const PullRequestFileAudit = z.object({
  path: z.string(),
  decision: CandidateAuditDecision,
  evidence: z.string(),
  note: z.string().nullable(),
});

export const PullRequestDecision = z.object({
  outcome: MergeReport.shape.outcome,
  reason: z.string().nullable(),
  decidedAt: z.string(),
  /** The base branch was verified to contain the candidate (merged only). */
  verified: z.boolean(),
  /** It was merged by hand on the remote; LoopTroop only verified it (§10.11 polling). */
  alreadyMerged: z.boolean(),
  mergedCommit: z.string().nullable(),
  /** Left for the user to run (no remote, base checked out); null when LoopTroop merged itself. */
  manualCommand: z.string().nullable(),
});

export const PullRequestView = z.object({
  ticketId: z.string(),
  status: z.string(),
  /** Null until CREATING_PULL_REQUEST has published. */
  pullRequest: PullRequestRecord.nullable(),
  candidateSha: z.string().nullable(),
  draftSource: z.enum(['model', 'fallback']).nullable(),
  draftError: z.string().nullable(),
  fileAudit: z.array(PullRequestFileAudit),
  diff: z.object({ patch: z.string(), truncated: z.boolean() }).nullable(),
  /** Whether Merge PR & Finish can be offered now; null outside WAITING_PR_REVIEW. */
  merge: MergeAvailability.nullable(),
  decision: PullRequestDecision.nullable(),
});
export type PullRequestView = z.infer<typeof PullRequestView>;

/** What `pull_request_report` stores (pull-request-phase.ts), read leniently: an older report still shows. */
const StoredReport = z.object({
  pullRequest: PullRequestRecord,
  candidateSha: z.string().nullable().catch(null),
  draftSource: z.enum(['model', 'fallback']).nullable().catch(null),
  draftError: z.string().nullable().catch(null),
});
const StoredAudit = z.object({
  files: z.array(
    PullRequestFileAudit.extend({ evidence: z.string().catch(''), note: z.string().nullable().catch(null) }),
  ),
});
const StoredDiff = z.object({ patch: z.string(), truncated: z.boolean().catch(false) });

const latestJson = async <T>(
  artifacts: ArtifactService,
  ticket: TicketRow,
  type: ArtifactTypeName,
  schema: z.ZodType<T>,
) => {
  const stored = await artifacts.latest(ticket, type);
  const parsed = schema.safeParse(parseJsonObject(stored?.content));
  return parsed.success ? parsed.data : null;
};

function decisionOf(report: MergeReport | null): z.infer<typeof PullRequestDecision> | null {
  if (!report) return null;
  const details = report.delivery.details ?? {};
  return {
    outcome: report.outcome,
    reason: report.reason,
    decidedAt: report.decidedAt,
    verified: details.verified === true,
    alreadyMerged: report.delivery.alreadyMerged === true,
    mergedCommit: report.delivery.mergedCommit ?? null,
    manualCommand: typeof details.manualCommand === 'string' ? details.manualCommand : null,
  };
}

export function createPullRequestViews(deps: { artifacts: ArtifactService; delivery: Delivery }) {
  /** §10.11: offered only when the provider can merge; a check that cannot answer does not offer it either. */
  async function availability(ticket: TicketRow): Promise<MergeAvailability> {
    if (!deps.delivery.mergeAvailability) return MERGE_AVAILABLE;
    return deps.delivery.mergeAvailability(ticket).catch((error: unknown) => ({
      available: false,
      reason: `LoopTroop cannot tell whether it can merge right now: ${error instanceof Error ? error.message : String(error)}`,
      manualCommand: null,
    }));
  }

  return {
    async view(ticket: TicketRow): Promise<PullRequestView> {
      const { artifacts } = deps;
      const report = await latestJson(artifacts, ticket, DELIVERY_ARTIFACTS.pullRequest, StoredReport);
      const audit = await latestJson(artifacts, ticket, DELIVERY_ARTIFACTS.fileAudit, StoredAudit);
      const merge = await latestJson(artifacts, ticket, DELIVERY_ARTIFACTS.merge, MergeReport);
      const inReview = ticket.status === 'WAITING_PR_REVIEW' && report !== null;
      return {
        ticketId: ticket.externalId,
        status: ticket.status,
        pullRequest: report?.pullRequest ?? null,
        candidateSha: report ? (report.candidateSha ?? report.pullRequest.headSha) : null,
        draftSource: report?.draftSource ?? null,
        draftError: report?.draftError ?? null,
        fileAudit: audit?.files ?? [],
        diff: await latestJson(artifacts, ticket, DELIVERY_ARTIFACTS.candidateDiff, StoredDiff),
        merge: inReview ? await availability(ticket) : null,
        decision: decisionOf(merge),
      };
    },
  };
}
export type PullRequestViews = ReturnType<typeof createPullRequestViews>;
