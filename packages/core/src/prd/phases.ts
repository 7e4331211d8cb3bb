import { parse } from 'yaml';
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
import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import type { TicketRow } from '../tickets/store.ts';
import { TICKET_FILES } from '../tickets/workspace.ts';
import { approvedInterview, fullAnswersRecord, fullAnswersStep } from './full-answers.ts';
import { normalizePrd, prdMetrics } from './normalize.ts';
import { type ModelPrd, ModelPrd as ModelPrdSchema, PrdDocument, RefinedPrd, RevisedPrd } from './schema.ts';

const read = (name: string) => loadPrompt(new URL(`./${name}`, import.meta.url));
const renderDraft = read('draft.md');
const renderRefine = read('refine.md');
const EXAMPLE = loadPrompt(new URL('./example.yaml', import.meta.url))({}).trimEnd();

const PRD_ROOT_KEYS = [
  'schema_version',
  'ticket_id',
  'artifact',
  'status',
  'source_interview',
  'product',
  'scope',
  'technical_requirements',
  'epics',
  'risks',
  'approval',
];
const prdSpec = {
  schema: ModelPrdSchema,
  rootKeys: PRD_ROOT_KEYS,
  listPrimaryKeys: { epics: 'id', user_stories: 'id' },
  aliases: { stories: 'user_stories', acceptance: 'acceptance_criteria', steps: 'implementation_steps' },
  formatReminder:
    'One YAML PRD document: product, scope, technical_requirements, epics (each with user_stories that have acceptance_criteria), risks.',
};

/** DRAFTING_PRD (§8.1, §8.2): Full Answers, then each member drafts a PRD from its own answers. */
export function prdDraftPhase(deps: PlanningDeps): PhaseHandler {
  return async (ctx) => {
    const fullAnswers = await fullAnswersStep(deps, ctx);
    const usable = new Map(fullAnswers.members.filter((m) => m.content).map((m) => [m.memberId, m.content as string]));
    for (const m of fullAnswers.members.filter((row) => !row.content)) {
      await deps.logs.milestone(
        ctx.ticket,
        ctx.status,
        `${m.memberId}: Full Answers ${m.status}; its PRD draft is skipped`,
        {
          error: m.error,
        },
      );
    }
    if (usable.size < ctx.settings.minCouncilQuorum) {
      // §5.8: members without valid Full Answers never draft, so the round cannot reach quorum; say why.
      const failed = fullAnswers.members.filter((m) => !m.content);
      throw new PhaseError(
        `PRD drafting did not reach quorum: only ${usable.size} of ${fullAnswers.members.length} members produced valid Full Answers (${failed.map((m) => `${m.memberId}: ${m.status}`).join('; ')})`,
        ['QUORUM_NOT_MET'],
        { step: 'full_answers', required: ctx.settings.minCouncilQuorum, members: failed },
      );
    }
    const relevantFiles = await relevantFilesText(deps.artifacts, ctx.ticket);
    const record = await runDrafts(deps, {
      ctx,
      domain: 'prd',
      phase: ctx.status,
      members: councilMembersOf(ctx.locked).filter((m) => usable.has(m.modelId)),
      buildPrompt: (member) =>
        renderDraft({
          phaseTag: phaseTag(ctx.status),
          ticketDetails: ticketDetails(ctx.ticket),
          relevantFiles,
          answers: usable.get(member.modelId) ?? '',
          example: EXAMPLE,
        }),
      spec: prdSpec,
      measure: prdMetrics,
      minQuorum: ctx.settings.minCouncilQuorum,
      timeoutMs: ctx.settings.councilResponseTimeout * 1000,
      retries: ctx.locked.structuredRetryCount,
      artifactType: 'prd_drafts',
      tools: READ_ONLY_TOOLS,
    });
    await deps.logs.milestone(ctx.ticket, ctx.status, `${validDrafts(record).length} valid PRD drafts`);
    return { event: 'DRAFTS_READY' };
  };
}

/** COUNCIL_VOTING_PRD (§8.3). */
export function prdVotePhase(deps: PlanningDeps): PhaseHandler {
  return async (ctx) => {
    const { document } = await approvedInterview(deps, ctx.ticket);
    return runPlanningVote<ModelPrd>(deps, ctx, {
      domain: 'prd',
      subject: 'PRD',
      draftsType: 'prd_drafts',
      draftsPhase: 'DRAFTING_PRD',
      votesType: 'prd_votes',
      context: `## Relevant files\n\n${await relevantFilesText(deps.artifacts, ctx.ticket)}\n\n## Approved interview\n\n\`\`\`yaml\n${yamlOf(document)}\`\`\``,
    });
  };
}

const winnerInput = {
  domainLabel: 'PRD',
  draftsType: 'prd_drafts',
  draftsPhase: 'DRAFTING_PRD',
  votesType: 'prd_votes',
  votesPhase: 'COUNCIL_VOTING_PRD',
} as const;

/** Store a PRD candidate as the canonical `prd` artifact and `.ticket/prd.yaml`. */
async function writeCandidate(deps: PlanningDeps, ticket: TicketRow, phase: string, prd: PrdDocument) {
  return deps.artifacts.write(ticket, phase, 'prd', yamlOf(prd), { filePath: TICKET_FILES.prd });
}

/** REFINING_PRD (§8.3): the winner refines its draft with the alternatives and all Full Answers → candidate v1. */
export function prdRefinePhase(deps: PlanningDeps): PhaseHandler {
  return async (ctx) => {
    const { winnerId, winner, valid } = await winnerOf<ModelPrd>(deps.artifacts, ctx.ticket, winnerInput);
    const fullAnswers = await fullAnswersRecord(deps, ctx.ticket);
    const interview = await approvedInterview(deps, ctx.ticket);
    const refined = await winnerCall(
      deps,
      ctx,
      {
        winnerId,
        title: 'prd refine',
        text: renderRefine({
          phaseTag: phaseTag(ctx.status),
          ticketDetails: ticketDetails(ctx.ticket),
          relevantFiles: await relevantFilesText(deps.artifacts, ctx.ticket),
          fullAnswers: fullAnswers.members
            .filter((m) => m.content)
            .map((m) => `## Full Answers (model: ${m.memberId})\n\n\`\`\`yaml\n${m.content}\`\`\``)
            .join('\n\n'),
          winner: yamlOf(winner.content),
          alternatives: alternativesText(valid, winnerId, yamlOf),
          example: EXAMPLE,
        }),
        tools: READ_ONLY_TOOLS,
        failure: 'Refining the PRD failed',
        codes: ['QUORUM_NOT_MET'],
      },
      { ...prdSpec, schema: RefinedPrd, rootKeys: [...PRD_ROOT_KEYS, 'changes'] },
    );
    const { prd, warnings } = normalizePrd(refined, {
      ticketId: ctx.ticket.externalId,
      interviewSha256: interview.sha256,
    });
    await deps.artifacts.write(
      ctx.ticket,
      ctx.status,
      'prd_refined',
      JSON.stringify({ winnerId, changes: refined.changes, warnings }),
    );
    await supersedeCoverage(deps.artifacts, ctx.ticket, 'VERIFYING_PRD_COVERAGE');
    await writeCandidate(deps, ctx.ticket, ctx.status, prd);
    await deps.logs.milestone(ctx.ticket, ctx.status, `PRD candidate v1: ${prd.epics.length} epics`);
    return { event: 'REFINED' };
  };
}

/** What the prd coverage loop and "Fix gaps with AI" share: sources, candidate, audit and revision. */
export async function prdCoverageInput(deps: PlanningDeps, ctx: PhaseContext): Promise<CoverageLoopInput<PrdDocument>> {
  const { winnerId } = await winnerOf<ModelPrd>(deps.artifacts, ctx.ticket, winnerInput);
  const fullAnswers = await fullAnswersRecord(deps, ctx.ticket);
  const winnerAnswers = fullAnswers.members.find((m) => m.memberId === winnerId)?.content ?? '';
  const interview = await approvedInterview(deps, ctx.ticket);
  const context = `## Full Answers (the winner's)\n\n\`\`\`yaml\n${winnerAnswers}\`\`\``;
  return {
    domain: 'prd',
    subject: 'PRD',
    winnerId,
    maxPasses: ctx.locked.maxPrdCoveragePasses,
    coverageType: 'prd_coverage',
    auditFocus:
      'Flag missing requirements, edge cases, constraints, acceptance criteria and non-goals; vague or unverifiable acceptance criteria; weak verification guidance; traceability holes; contradictions.',
    context,
    renderCandidate: yamlOf,
    loadCandidate: async () => {
      const stored = await deps.artifacts.latest(ctx.ticket, 'prd');
      const prd = stored ? PrdDocument.safeParse(parse(stored.content)) : null;
      if (!prd?.success)
        throw new PhaseError('The PRD candidate was lost; retry the refinement', ['INTERMEDIATE_DATA_LOST']);
      const revisions = await deps.artifacts.list(ctx.ticket, {
        phase: ctx.status,
        phaseAttempt: ctx.phaseAttempt,
        artifactType: 'prd_revision',
      });
      return { candidate: prd.data, version: 1 + revisions.length };
    },
    revise: async (candidate, version, gaps) => {
      const revised = await reviseCandidate(deps, ctx, {
        winnerId,
        domain: 'prd',
        subject: 'PRD',
        context,
        candidate: yamlOf(candidate),
        version,
        gaps,
        example: EXAMPLE,
        itemType: 'user_story',
        spec: { ...prdSpec, schema: RevisedPrd, rootKeys: [...PRD_ROOT_KEYS, 'changes', 'gap_resolutions'] },
      });
      const { prd } = normalizePrd(revised, { ticketId: ctx.ticket.externalId, interviewSha256: interview.sha256 });
      await writeCandidate(deps, ctx.ticket, ctx.status, prd);
    },
  };
}

/** VERIFYING_PRD_COVERAGE (§8.4): audit against the winner's Full Answers; revise in place up to the cap. */
export function prdCoveragePhase(deps: PlanningDeps): PhaseHandler {
  return async (ctx) => runCoverageLoop(deps, ctx, await prdCoverageInput(deps, ctx));
}
