import { z } from 'zod';
import type { ArtifactType } from '../artifacts/artifact-type.ts';
import type { ArtifactService } from '../artifacts/service.ts';
import { coverageDisposition, coverageRunState } from '../council/index.ts';
import type { PhaseContext, PhaseOutcome } from '../lifecycle/phase.ts';
import { PlanningAudit } from '../prd/schema.ts';
import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import type { TicketRow } from '../tickets/store.ts';
import { type CallSpec, type PlanningDeps, winnerCall } from './steps.ts';

// The coverage control of the PRD and beads domains (workflow.md §5.7): the audit-and-revise loop, the revision
// itself, and "Fix gaps with AI" (one revision and one audit outside the pass cap).

const renderRevise = loadPrompt(new URL('./prompts/revise.md', import.meta.url));
const renderAudit = loadPrompt(new URL('./prompts/audit.md', import.meta.url));

/**
 * A coverage revision (PROM13b / PROM24): the winner returns the full document plus `changes` and one
 * `gap_resolutions` entry per gap; the revision record is stored. The caller normalizes and stores the candidate.
 */
export async function reviseCandidate<R extends { changes: unknown[]; gap_resolutions: unknown[] }>(
  deps: PlanningDeps,
  ctx: PhaseContext,
  input: {
    winnerId: string;
    domain: 'prd' | 'beads';
    subject: string;
    context: string;
    candidate: string;
    version: number;
    gaps: string[];
    example: string;
    itemType: string;
    spec: CallSpec<R>;
  },
): Promise<R> {
  const revised = await winnerCall(
    deps,
    ctx,
    {
      winnerId: input.winnerId,
      title: `${input.domain} revision v${input.version + 1}`,
      text: renderRevise({
        phaseTag: phaseTag(ctx.status),
        subject: input.subject,
        ticketDetails: ticketDetails(ctx.ticket),
        context: input.context,
        version: String(input.version),
        candidate: input.candidate,
        gaps: input.gaps.map((g) => `- "${g.replaceAll('"', '\\"')}"`).join('\n'),
        example: input.example,
        itemType: input.itemType,
        updatedAction: `updated_${input.domain}`,
      }),
      tools: { '*': false },
      failure: `Revising the ${input.subject} failed`,
      codes: ['COVERAGE_FAILED'],
    },
    input.spec,
  );
  await deps.artifacts.write(
    ctx.ticket,
    ctx.status,
    `${input.domain}_revision`,
    JSON.stringify({
      fromVersion: input.version,
      toVersion: input.version + 1,
      gaps: input.gaps,
      changes: revised.changes,
      gapResolutions: revised.gap_resolutions,
    }),
  );
  return revised;
}

/** One stored coverage pass (artifact `<domain>_coverage`). */
export const CoveragePassRecord = z.object({
  winnerId: z.string(),
  coverageRunNumber: z.number().int(),
  maxCoveragePasses: z.number().int(),
  candidateVersion: z.number().int(),
  status: z.enum(['clean', 'gaps']),
  gaps: z.array(z.string()),
  limitReached: z.boolean(),
  terminationReason: z.string(),
  revised: z.boolean(),
});
export type CoveragePassRecord = z.infer<typeof CoveragePassRecord>;

export interface CoverageLoopInput<C> {
  domain: 'prd' | 'beads';
  subject: string;
  winnerId: string;
  maxPasses: number;
  coverageType: ArtifactType;
  auditFocus: string;
  /** Sources the audit checks the candidate against (already labelled markdown). */
  context: string;
  /** The current candidate and its version (1 = refined, +1 per revision). */
  loadCandidate: () => Promise<{ candidate: C; version: number }>;
  renderCandidate: (candidate: C) => string;
  /** Revise in place (§5.7): returns once the new candidate version is stored. */
  revise: (candidate: C, version: number, gaps: string[]) => Promise<void>;
}

async function passCount(deps: PlanningDeps, ctx: PhaseContext, coverageType: ArtifactType) {
  const passes = await deps.artifacts.list(ctx.ticket, {
    phase: ctx.status,
    phaseAttempt: ctx.phaseAttempt,
    artifactType: coverageType,
  });
  return passes.length;
}

/** One audit of the current candidate (PROM13 / PROM23): never rewrites, answers clean or a list of gaps. */
async function auditCandidate<C>(
  deps: PlanningDeps,
  ctx: PhaseContext,
  input: CoverageLoopInput<C>,
  run: { runNumber: number; isFinalAllowedRun: boolean },
  candidate: C,
  version: number,
): Promise<string[]> {
  const audit = await winnerCall(
    deps,
    ctx,
    {
      winnerId: input.winnerId,
      title: `${input.domain} coverage ${run.runNumber}`,
      text: renderAudit({
        phaseTag: phaseTag(ctx.status),
        subject: input.subject,
        auditFocus: input.auditFocus,
        ticketDetails: ticketDetails(ctx.ticket),
        context: input.context,
        version: String(version),
        candidate: input.renderCandidate(candidate),
        runNumber: String(run.runNumber),
        maxPasses: String(input.maxPasses),
        isFinal: String(run.isFinalAllowedRun),
      }),
      tools: { '*': false },
      failure: `The ${input.subject} coverage audit failed`,
      codes: ['COVERAGE_FAILED'],
    },
    {
      schema: PlanningAudit,
      rootKeys: ['status', 'gaps', 'follow_up_questions'],
      formatReminder:
        'A YAML document with status (clean|gaps), gaps (double-quoted strings) and follow_up_questions: [].',
    },
  );
  const gaps = audit.gaps.map((g) => g.trim()).filter(Boolean);
  return audit.status === 'gaps' ? gaps : [];
}

/**
 * workflow.md §5.7 for PRD and beads: audit, and while gaps remain and the cap allows, revise in place and audit
 * again. Each pass is stored as it ends, so a restart resumes at the next audit. Ends `COVERAGE_CLEAN` or, capped,
 * `COVERAGE_LIMIT_REACHED` with the remaining gaps stored for the approval view.
 */
export async function runCoverageLoop<C>(
  deps: PlanningDeps,
  ctx: PhaseContext,
  input: CoverageLoopInput<C>,
): Promise<PhaseOutcome> {
  for (;;) {
    const run = coverageRunState(await passCount(deps, ctx, input.coverageType), input.maxPasses);
    const { candidate, version } = await input.loadCandidate();
    const gaps = await auditCandidate(deps, ctx, input, run, candidate, version);
    const hasGaps = gaps.length > 0;
    const disposition = coverageDisposition({
      domain: input.domain,
      hasGaps,
      isFinalAllowedRun: run.isFinalAllowedRun,
      hasFollowUps: false,
      remainingBudget: 0,
    });
    const record = (revised: boolean): CoveragePassRecord => ({
      winnerId: input.winnerId,
      coverageRunNumber: run.runNumber,
      maxCoveragePasses: input.maxPasses,
      candidateVersion: version,
      status: hasGaps ? 'gaps' : 'clean',
      gaps,
      limitReached: disposition.limitReached,
      terminationReason: disposition.reason,
      revised,
    });
    await deps.logs.milestone(
      ctx.ticket,
      ctx.status,
      `Coverage pass ${run.runNumber} on v${version}: ${disposition.reason}`,
      { gaps },
    );
    if (disposition.action !== 'revise') {
      await deps.artifacts.write(ctx.ticket, ctx.status, input.coverageType, JSON.stringify(record(false)));
      return { event: disposition.limitReached ? 'COVERAGE_LIMIT_REACHED' : 'COVERAGE_CLEAN' };
    }
    await deps.events.publish('progress', {
      ticketId: ctx.ticket.externalId,
      phase: ctx.status,
      current: run.runNumber,
      total: input.maxPasses,
      message: `Revising v${version}: ${gaps.length} gap${gaps.length === 1 ? '' : 's'}`,
    });
    await input.revise(candidate, version, gaps);
    await deps.artifacts.write(ctx.ticket, ctx.status, input.coverageType, JSON.stringify(record(true)));
  }
}

/**
 * "Fix gaps with AI" (workflow.md §8.5, §9.6): one targeted revision of the current candidate for the given gaps,
 * then one fresh audit. Outside the pass cap; both steps are stored as one more coverage pass (the revised one) and
 * the audit result (still `limitReached` when gaps remain, so approval keeps showing them).
 */
export async function fixGapsOnce<C>(
  deps: PlanningDeps,
  ctx: PhaseContext,
  input: CoverageLoopInput<C>,
  gaps: string[],
): Promise<{ remaining: string[]; version: number }> {
  const before = await input.loadCandidate();
  await input.revise(before.candidate, before.version, gaps);
  const completed = await passCount(deps, ctx, input.coverageType);
  const { candidate, version } = await input.loadCandidate();
  const remaining = await auditCandidate(
    deps,
    ctx,
    input,
    { runNumber: completed + 1, isFinalAllowedRun: true },
    candidate,
    version,
  );
  const record: CoveragePassRecord = {
    winnerId: input.winnerId,
    coverageRunNumber: completed + 1,
    maxCoveragePasses: input.maxPasses,
    candidateVersion: version,
    status: remaining.length ? 'gaps' : 'clean',
    gaps: remaining,
    limitReached: remaining.length > 0,
    terminationReason: remaining.length ? 'fix_gaps_remaining' : 'fix_gaps_clean',
    revised: false,
  };
  await deps.artifacts.write(ctx.ticket, ctx.status, input.coverageType, JSON.stringify(record));
  await deps.logs.milestone(
    ctx.ticket,
    ctx.status,
    `Fix gaps: v${before.version} → v${version}, ${remaining.length} gaps left`,
    {
      fixed: gaps,
      remaining,
    },
  );
  return { remaining, version };
}

/** Archive the coverage attempt a new refinement supersedes, so its passes do not count against the new candidate. */
export async function supersedeCoverage(artifacts: ArtifactService, ticket: TicketRow, coveragePhase: string) {
  const attempt = await artifacts.activeAttempt(ticket, coveragePhase);
  const stale = await artifacts.list(ticket, { phase: coveragePhase, phaseAttempt: attempt });
  if (stale.length) await artifacts.roll(ticket, coveragePhase, 'superseded_by_new_refinement');
}
