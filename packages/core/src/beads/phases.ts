import { parse } from 'yaml';
import { z } from 'zod';
import { councilMembersOf, READ_ONLY_TOOLS, runDrafts, validDrafts } from '../council/index.ts';
import { type PhaseContext, PhaseError, type PhaseHandler } from '../lifecycle/phase.ts';
import {
  type CoverageLoopInput,
  reviseCandidate,
  runCoverageLoop,
  supersedeCoverage,
} from '../planning/coverage-loop.ts';
import {
  alternativesText,
  type PlanningDeps,
  relevantFilesText,
  runPlanningVote,
  winnerCall,
  winnerOf,
  yamlOf,
} from '../planning/steps.ts';
import { prdRefIds } from '../prd/normalize.ts';
import { PrdDocument } from '../prd/schema.ts';
import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import type { TicketRow } from '../tickets/store.ts';
import { blueprintMetrics, blueprintProblems, normalizeBlueprint } from './blueprint.ts';
import { applyExpansion, jsonlToDocument } from './expand.ts';
import { checkPlan } from './graph.ts';
import { writePlan } from './plan-store.ts';
import {
  type BlueprintBead,
  BlueprintDocument,
  ExpansionLine,
  ModelBlueprint,
  RefinedBlueprint,
  RevisedBlueprint,
} from './schema.ts';

const read = (name: string) => loadPrompt(new URL(`./${name}`, import.meta.url));
const renderDraft = read('draft.md');
const renderRefine = read('refine.md');
const renderExpand = read('expand.md');
const EXAMPLE = read('example.yaml')({}).trimEnd();

/** A model blueprint, normalized (§9.1) and checked; problems go back to the model as validation errors. */
function checkedBlueprint<S extends z.ZodType<{ beads: z.infer<typeof ModelBlueprint>['beads'] }>>(
  schema: S,
  knownRefs: ReadonlySet<string>,
) {
  return schema
    .transform((doc) => ({ ...doc, beads: normalizeBlueprint(doc.beads).beads }))
    .superRefine((doc, issue) => {
      for (const problem of blueprintProblems(doc.beads, knownRefs))
        issue.addIssue({ code: 'custom', message: problem });
    });
}

const blueprintSpec = (knownRefs: ReadonlySet<string>) => ({
  schema: checkedBlueprint(ModelBlueprint, knownRefs),
  rootKeys: ['beads', 'tasks', 'items', 'issues', 'workitems', 'work_items'],
  listPrimaryKeys: { beads: 'id' },
  formatReminder:
    'One YAML document `beads:` — a list of {id, title, prdRefs, description, contextGuidance {patterns, anti_patterns}, acceptanceCriteria, tests, testCommands, testCommandReason when testCommands is empty}.',
});

async function approvedPrd(deps: PlanningDeps, ticket: TicketRow) {
  const stored = await deps.artifacts.latest(ticket, 'prd');
  const prd = stored ? PrdDocument.safeParse(parse(stored.content)) : null;
  if (!prd?.success) throw new PhaseError('There is no valid approved PRD to plan from', ['INTERMEDIATE_DATA_LOST']);
  return { prd: prd.data, raw: stored?.content ?? '' };
}

/** DRAFTING_BEADS (§9.1): every member drafts a semantic blueprint from the approved PRD. */
export function beadsDraftPhase(deps: PlanningDeps): PhaseHandler {
  return async (ctx) => {
    const { raw, prd } = await approvedPrd(deps, ctx.ticket);
    const relevantFiles = await relevantFilesText(deps.artifacts, ctx.ticket);
    const record = await runDrafts(deps, {
      ctx,
      domain: 'beads',
      phase: ctx.status,
      members: councilMembersOf(ctx.locked),
      buildPrompt: () =>
        renderDraft({
          phaseTag: phaseTag(ctx.status),
          ticketDetails: ticketDetails(ctx.ticket),
          relevantFiles,
          prd: raw,
          example: EXAMPLE,
        }),
      spec: blueprintSpec(prdRefIds(prd)),
      measure: (draft) => blueprintMetrics(draft.beads),
      minQuorum: ctx.settings.minCouncilQuorum,
      timeoutMs: ctx.settings.councilResponseTimeout * 1000,
      retries: ctx.locked.structuredRetryCount,
      artifactType: 'beads_drafts',
      tools: READ_ONLY_TOOLS,
    });
    await deps.logs.milestone(ctx.ticket, ctx.status, `${validDrafts(record).length} valid blueprints`);
    return { event: 'DRAFTS_READY' };
  };
}

/** COUNCIL_VOTING_BEADS (§9.2). */
export function beadsVotePhase(deps: PlanningDeps): PhaseHandler {
  return async (ctx) => {
    const { raw } = await approvedPrd(deps, ctx.ticket);
    return runPlanningVote<BlueprintDocument>(deps, ctx, {
      domain: 'beads',
      subject: 'beads blueprint',
      draftsType: 'beads_drafts',
      draftsPhase: 'DRAFTING_BEADS',
      votesType: 'beads_votes',
      context: `## Approved PRD\n\n\`\`\`yaml\n${raw}\`\`\``,
    });
  };
}

const winnerInput = {
  domainLabel: 'Beads',
  draftsType: 'beads_drafts',
  draftsPhase: 'DRAFTING_BEADS',
  votesType: 'beads_votes',
  votesPhase: 'COUNCIL_VOTING_BEADS',
} as const;

/** The current blueprint candidate (`beads_blueprint`, YAML). */
async function blueprintCandidate(deps: PlanningDeps, ticket: TicketRow) {
  const stored = await deps.artifacts.latest(ticket, 'beads_blueprint');
  const doc = stored ? BlueprintDocument.safeParse(parse(stored.content)) : null;
  if (!doc?.success)
    throw new PhaseError('The beads blueprint was lost; retry the refinement', ['INTERMEDIATE_DATA_LOST']);
  return doc.data;
}

/**
 * §9.2: refinement keeps the winner's bead order exactly (priority is the order); new beads may go anywhere and
 * removed ones may go, but the kept ones must stay in the same relative order.
 */
export function orderProblem(winnerIds: readonly string[], refinedIds: readonly string[]): string | null {
  const kept = refinedIds.filter((id) => winnerIds.includes(id));
  const expected = winnerIds.filter((id) => kept.includes(id));
  const at = kept.findIndex((id, i) => id !== expected[i]);
  return at === -1
    ? null
    : `the refined blueprint reorders the winning beads (${expected.join(', ')} became ${kept.join(', ')}); keep their order`;
}

/** REFINING_BEADS (§9.2): the winner refines, keeping its bead order → blueprint candidate v1. */
export function beadsRefinePhase(deps: PlanningDeps): PhaseHandler {
  return async (ctx) => {
    const { winnerId, winner, valid } = await winnerOf<BlueprintDocument>(deps.artifacts, ctx.ticket, winnerInput);
    const { raw, prd } = await approvedPrd(deps, ctx.ticket);
    const refined = await winnerCall(
      deps,
      ctx,
      {
        winnerId,
        title: 'beads refine',
        text: renderRefine({
          phaseTag: phaseTag(ctx.status),
          ticketDetails: ticketDetails(ctx.ticket),
          prd: raw,
          winner: yamlOf(winner.content),
          alternatives: alternativesText(valid, winnerId, yamlOf),
          example: EXAMPLE,
        }),
        tools: READ_ONLY_TOOLS,
        failure: 'Refining the blueprint failed',
        codes: ['QUORUM_NOT_MET'],
      },
      {
        ...blueprintSpec(prdRefIds(prd)),
        schema: checkedBlueprint(RefinedBlueprint, prdRefIds(prd)).superRefine((doc, issue) => {
          const problem = orderProblem(
            winner.content.beads.map((b) => b.id),
            doc.beads.map((b) => b.id ?? ''),
          );
          if (problem) issue.addIssue({ code: 'custom', message: problem });
        }),
        rootKeys: ['beads', 'changes'],
      },
    );
    await deps.artifacts.write(
      ctx.ticket,
      ctx.status,
      'beads_refined',
      JSON.stringify({ winnerId, changes: refined.changes }),
    );
    await supersedeCoverage(deps.artifacts, ctx.ticket, 'VERIFYING_BEADS_COVERAGE');
    await deps.artifacts.write(ctx.ticket, ctx.status, 'beads_blueprint', yamlOf({ beads: refined.beads }));
    await deps.logs.milestone(ctx.ticket, ctx.status, `Blueprint candidate v1: ${refined.beads.length} beads`);
    return { event: 'REFINED' };
  };
}

/** What the beads coverage loop and "Fix gaps with AI" share: sources, candidate, audit and revision. */
export async function beadsCoverageInput(
  deps: PlanningDeps,
  ctx: PhaseContext,
): Promise<CoverageLoopInput<BlueprintDocument>> {
  const { winnerId } = await winnerOf<BlueprintDocument>(deps.artifacts, ctx.ticket, winnerInput);
  const { raw, prd } = await approvedPrd(deps, ctx.ticket);
  const context = `## Approved PRD\n\n\`\`\`yaml\n${raw}\`\`\``;
  return {
    domain: 'beads',
    subject: 'beads blueprint',
    winnerId,
    maxPasses: ctx.locked.maxBeadsCoveragePasses,
    coverageType: 'beads_coverage',
    auditFocus:
      'Flag uncovered requirements, oversized beads, vague splits, missing necessary verification, weak acceptance criteria, invalid empty-command reasons and beads without prdRefs. A missing command, or lack of one command per requirement, is never a gap on its own.',
    context,
    renderCandidate: yamlOf,
    loadCandidate: async () => {
      const candidate = await blueprintCandidate(deps, ctx.ticket);
      const revisions = await deps.artifacts.list(ctx.ticket, {
        phase: ctx.status,
        phaseAttempt: ctx.phaseAttempt,
        artifactType: 'beads_revision',
      });
      return { candidate, version: 1 + revisions.length };
    },
    revise: async (candidate, version, gaps) => {
      const revised = await reviseCandidate(deps, ctx, {
        winnerId,
        domain: 'beads',
        subject: 'beads blueprint',
        context,
        candidate: yamlOf(candidate),
        version,
        gaps,
        example: EXAMPLE,
        itemType: 'bead',
        spec: {
          ...blueprintSpec(prdRefIds(prd)),
          schema: checkedBlueprint(RevisedBlueprint, prdRefIds(prd)),
          rootKeys: ['beads', 'changes', 'gap_resolutions'],
        },
      });
      await deps.artifacts.write(ctx.ticket, ctx.status, 'beads_blueprint', yamlOf({ beads: revised.beads }));
    },
  };
}

/** VERIFYING_BEADS_COVERAGE (§9.2): audit against the PRD; revise in place (order and ids kept) up to the cap. */
export function beadsCoveragePhase(deps: PlanningDeps): PhaseHandler {
  return async (ctx) => runCoverageLoop(deps, ctx, await beadsCoverageInput(deps, ctx));
}

/** EXPANDING_BEADS (§9.3): the winner adds ids, labels, dependencies and target files; the app hydrates the rest. */
export function beadsExpandPhase(deps: PlanningDeps): PhaseHandler {
  return async (ctx) => {
    await expandBlueprint(deps, ctx);
    return { event: 'EXPANDED' };
  };
}

/** Expand the current blueprint into the execution plan and store it (also run after a beads gap fix, §9.6). */
export async function expandBlueprint(deps: PlanningDeps, ctx: PhaseContext): Promise<void> {
  const { winnerId } = await winnerOf<BlueprintDocument>(deps.artifacts, ctx.ticket, winnerInput);
  const { raw, prd } = await approvedPrd(deps, ctx.ticket);
  const blueprint: BlueprintBead[] = (await blueprintCandidate(deps, ctx.ticket)).beads;
  const now = deps.clock.isoNow();
  const externalRef = ctx.ticket.externalId;
  // Hard expansion failures are validation errors, so the model gets them back in a correction prompt (§12.1).
  const schema = z.object({ lines: z.array(ExpansionLine) }).superRefine((doc, issue) => {
    const outcome = applyExpansion(blueprint, doc.lines, { externalRef, now });
    if (!outcome.ok) for (const e of outcome.errors) issue.addIssue({ code: 'custom', message: e.message });
  });
  const expanded = await winnerCall(
    deps,
    ctx,
    {
      winnerId,
      title: 'beads expansion',
      text: renderExpand({
        phaseTag: phaseTag(ctx.status),
        ticketDetails: ticketDetails(ctx.ticket),
        relevantFiles: await relevantFilesText(deps.artifacts, ctx.ticket),
        prd: raw,
        blueprint: yamlOf({ beads: blueprint }),
      }),
      tools: READ_ONLY_TOOLS,
      failure: 'Expanding the blueprint failed',
      codes: ['EXPANSION_FAILED'],
    },
    {
      schema,
      rootKeys: ['lines'],
      preparse: jsonlToDocument,
      formatReminder: `JSONL only: exactly ${blueprint.length} lines, one JSON object per bead in blueprint order, each with id, title, prdRefs, issueType, labels, dependencies {blocked_by: earlier ids}, targetFiles.`,
    },
  );
  const outcome = applyExpansion(blueprint, expanded.lines, { externalRef, now });
  if (!outcome.ok)
    throw new PhaseError('Expanding the blueprint failed', ['EXPANSION_FAILED'], { errors: outcome.errors });
  const issues = checkPlan(outcome.beads, { knownRefs: prdRefIds(prd) });
  if (issues.length) throw new PhaseError('The expanded plan fails the graph check', ['EXPANSION_FAILED'], { issues });
  await writePlan(deps.artifacts, ctx.ticket, ctx.status, outcome.beads);
  await deps.artifacts.write(
    ctx.ticket,
    ctx.status,
    'beads_expansion',
    JSON.stringify({ winnerId, warnings: outcome.warnings }),
  );
  await deps.logs.milestone(ctx.ticket, ctx.status, `Execution plan: ${outcome.beads.length} beads`, {
    warnings: outcome.warnings,
  });
}
