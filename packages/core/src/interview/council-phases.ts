import { stringify } from 'yaml';
import { z } from 'zod';
import type { ArtifactService } from '../artifacts/service.ts';
import { followUpBudget } from '../council/coverage.ts';
import { councilMembersOf, READ_ONLY_TOOLS, runDrafts, validDrafts } from '../council/index.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import type { PhaseHandler } from '../lifecycle/phase.ts';
import type { LogService } from '../logs/service.ts';
import type { OpencodeService } from '../opencode/service.ts';
import { alternativesText, relevantFilesText, runPlanningVote, winnerCall, winnerOf } from '../planning/steps.ts';
import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import { normalizeDraftQuestions } from './normalize.ts';
import { writeInterviewDocument } from './qa-phase.ts';
import { DraftQuestions } from './schema.ts';
import { createSession } from './session.ts';
import { saveSession } from './store.ts';

const renderDraft = loadPrompt(new URL('./draft.md', import.meta.url));
const renderRefine = loadPrompt(new URL('./refine.md', import.meta.url));

export interface InterviewCouncilDeps {
  opencode: OpencodeService;
  artifacts: ArtifactService;
  logs: LogService;
  events: EventBus;
  clock: Clock;
}

const questionsSpec = {
  schema: DraftQuestions,
  rootKeys: ['questions'],
  listPrimaryKeys: { questions: 'id' },
  formatReminder: 'One YAML document: `questions:` list of {id, phase (foundation|structure|assembly), question}.',
};

const RefinedQuestions = DraftQuestions.extend({ changes: z.array(z.unknown()).default([]) });

/** COUNCIL_DELIBERATING (workflow.md §7.1): every council member drafts the interview questions. */
export function interviewDraftPhase(deps: InterviewCouncilDeps): PhaseHandler {
  return async (ctx) => {
    const relevantFiles = await relevantFilesText(deps.artifacts, ctx.ticket);
    const record = await runDrafts(deps, {
      ctx,
      domain: 'interview',
      phase: 'COUNCIL_DELIBERATING',
      members: councilMembersOf(ctx.locked),
      buildPrompt: () =>
        renderDraft({
          phaseTag: phaseTag('COUNCIL_DELIBERATING'),
          ticketDetails: ticketDetails(ctx.ticket),
          relevantFiles,
          maxQuestions: String(ctx.locked.interviewQuestions),
        }),
      spec: questionsSpec,
      measure: (draft) => ({ questionCount: draft.questions.length }),
      minQuorum: ctx.settings.minCouncilQuorum,
      timeoutMs: ctx.settings.councilResponseTimeout * 1000,
      retries: ctx.locked.structuredRetryCount,
      artifactType: 'interview_drafts',
      tools: READ_ONLY_TOOLS,
    });
    await deps.logs.milestone(
      ctx.ticket,
      'COUNCIL_DELIBERATING',
      `${validDrafts(record).length} valid interview drafts`,
    );
    return { event: 'QUESTIONS_READY' };
  };
}

/** COUNCIL_VOTING_INTERVIEW (§7.2): every member scores the anonymized drafts; the winner is chosen. */
export function interviewVotePhase(deps: InterviewCouncilDeps): PhaseHandler {
  return (ctx) =>
    runPlanningVote<DraftQuestions>(deps, ctx, {
      domain: 'interview',
      subject: 'interview questions',
      draftsType: 'interview_drafts',
      draftsPhase: 'COUNCIL_DELIBERATING',
      votesType: 'interview_votes',
      context: '',
    });
}

/** COMPILING_INTERVIEW (§7.2): the winner refines its draft; the result becomes the interview checklist. */
export function interviewCompilePhase(deps: InterviewCouncilDeps): PhaseHandler {
  return async (ctx) => {
    const { winnerId, winner, valid } = await winnerOf<DraftQuestions>(deps.artifacts, ctx.ticket, {
      domainLabel: 'Interview',
      draftsType: 'interview_drafts',
      draftsPhase: 'COUNCIL_DELIBERATING',
      votesType: 'interview_votes',
      votesPhase: 'COUNCIL_VOTING_INTERVIEW',
    });
    const alternatives = alternativesText(valid, winnerId, (content) => stringify(content));
    const refined = await winnerCall(
      deps,
      ctx,
      {
        winnerId,
        title: 'interview refine',
        text: renderRefine({
          phaseTag: phaseTag('COMPILING_INTERVIEW'),
          ticketDetails: ticketDetails(ctx.ticket),
          winner: stringify(winner.content),
          alternatives,
          maxQuestions: String(ctx.locked.interviewQuestions),
        }),
        tools: READ_ONLY_TOOLS,
        failure: 'Refining the interview failed',
        codes: ['QUORUM_NOT_MET'],
      },
      { ...questionsSpec, schema: RefinedQuestions, rootKeys: ['questions', 'changes'] },
    );
    const compiled = normalizeDraftQuestions(refined, ctx.locked.interviewQuestions);
    await deps.artifacts.write(
      ctx.ticket,
      'COMPILING_INTERVIEW',
      'interview_refined',
      JSON.stringify({ winnerId, questions: compiled, changes: refined.changes }),
    );
    const budget = followUpBudget(ctx.locked.interviewQuestions, ctx.locked.coverageFollowUpBudgetPercent, 0);
    const session = createSession({
      winnerId,
      maxInitialQuestions: ctx.locked.interviewQuestions,
      maxFollowUps: budget.total,
      compiled,
      now: deps.clock.isoNow(),
    });
    await saveSession(deps.artifacts, ctx.ticket, session);
    await writeInterviewDocument(deps, ctx.ticket, session, 'COMPILING_INTERVIEW');
    await deps.logs.milestone(ctx.ticket, 'COMPILING_INTERVIEW', `Interview compiled: ${compiled.length} questions`);
    return { event: 'READY' };
  };
}
