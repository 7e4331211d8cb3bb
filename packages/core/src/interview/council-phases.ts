import { stringify } from 'yaml';
import { z } from 'zod';
import type { ArtifactService } from '../artifacts/service.ts';
import { followUpBudget } from '../council/coverage.ts';
import {
  councilMembersOf,
  DraftsRecord,
  describeRubric,
  READ_ONLY_TOOLS,
  runDrafts,
  runVotes,
  scorecardFormatReminder,
  type TypedDraftsRecord,
  VotesRecord,
  validDrafts,
} from '../council/index.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import type { LogService } from '../logs/service.ts';
import type { OpencodeService } from '../opencode/service.ts';
import { callStructured } from '../opencode/structured-call.ts';
import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import type { TicketRow } from '../tickets/store.ts';
import { PhaseError, type PhaseHandler } from '../workflow/phase.ts';
import { normalizeDraftQuestions } from './normalize.ts';
import { writeInterviewDocument } from './qa-phase.ts';
import { DraftQuestions } from './schema.ts';
import { createSession } from './session.ts';
import { saveSession } from './store.ts';

const renderDraft = loadPrompt(new URL('./draft.md', import.meta.url));
const renderVote = loadPrompt(new URL('./vote.md', import.meta.url));
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

async function relevantFilesText(artifacts: ArtifactService, ticket: TicketRow) {
  return (await artifacts.latest(ticket, 'relevant_files'))?.content ?? '(no scan available)';
}

async function storedDrafts(artifacts: ArtifactService, ticket: TicketRow) {
  const stored = await artifacts.latest(ticket, 'interview_drafts', { phase: 'COUNCIL_DELIBERATING' });
  const record = stored ? DraftsRecord.safeParse(JSON.parse(stored.content)) : null;
  if (!record?.success)
    throw new PhaseError('The interview drafts were lost; retry the drafting', ['INTERMEDIATE_DATA_LOST']);
  // Each draft's content was validated against DraftQuestions before it was stored.
  return record.data as TypedDraftsRecord<DraftQuestions>;
}

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
  return async (ctx) => {
    const drafts = await storedDrafts(deps.artifacts, ctx.ticket);
    const { result } = await runVotes(deps, {
      ctx,
      domain: 'interview',
      phase: 'COUNCIL_VOTING_INTERVIEW',
      members: councilMembersOf(ctx.locked),
      drafts,
      buildPrompt: (_voter, labelled, rubric) =>
        renderVote({
          phaseTag: phaseTag('COUNCIL_VOTING_INTERVIEW'),
          ticketDetails: ticketDetails(ctx.ticket),
          drafts: labelled.map((d) => `### ${d.label}\n${d.text}`).join('\n\n'),
          rubric: describeRubric(rubric),
          format: scorecardFormatReminder(
            rubric,
            labelled.map((d) => d.label),
          ),
        }),
      minQuorum: ctx.settings.minCouncilQuorum,
      timeoutMs: ctx.settings.councilResponseTimeout * 1000,
      retries: ctx.locked.structuredRetryCount,
      artifactType: 'interview_votes',
    });
    await deps.logs.milestone(ctx.ticket, 'COUNCIL_VOTING_INTERVIEW', `Winner: ${result.winnerId}`, {
      degraded: result.degraded,
    });
    return { event: 'WINNER_SELECTED' };
  };
}

/** COMPILING_INTERVIEW (§7.2): the winner refines its draft; the result becomes the interview checklist. */
export function interviewCompilePhase(deps: InterviewCouncilDeps): PhaseHandler {
  return async (ctx) => {
    const drafts = await storedDrafts(deps.artifacts, ctx.ticket);
    const votes = await deps.artifacts.latest(ctx.ticket, 'interview_votes', { phase: 'COUNCIL_VOTING_INTERVIEW' });
    const parsedVotes = votes ? VotesRecord.safeParse(JSON.parse(votes.content)) : null;
    const winnerId = parsedVotes?.success ? parsedVotes.data.result?.winnerId : undefined;
    if (!winnerId)
      throw new PhaseError('The interview vote result was lost; retry the vote', ['INTERMEDIATE_DATA_LOST']);
    const valid = validDrafts(drafts);
    const winner = valid.find((d) => d.memberId === winnerId);
    if (!winner)
      throw new PhaseError(`Interview winner ${winnerId} has no matching draft — cannot refine`, ['QUORUM_NOT_MET']);
    const alternatives = valid
      .filter((d) => d.memberId !== winnerId)
      .map((d, i) => `## Alternative Draft ${i + 1} (model: ${d.memberId})\n${stringify(d.content)}`)
      .join('\n\n');
    const refined = await callStructured(
      deps.opencode,
      {
        ticket: ctx.ticket,
        phase: 'COMPILING_INTERVIEW',
        phaseAttempt: ctx.phaseAttempt,
        title: `${ctx.ticket.externalId} · interview refine`,
        model: winnerId,
        variant: ctx.locked.councilMemberVariants[winnerId] ?? null,
        text: renderRefine({
          phaseTag: phaseTag('COMPILING_INTERVIEW'),
          ticketDetails: ticketDetails(ctx.ticket),
          winner: stringify(winner.content),
          alternatives,
          maxQuestions: String(ctx.locked.interviewQuestions),
        }),
        timeoutMs: ctx.settings.councilResponseTimeout * 1000,
        signal: ctx.signal,
        tools: READ_ONLY_TOOLS,
      },
      { ...questionsSpec, schema: RefinedQuestions, rootKeys: ['questions', 'changes'] },
      ctx.locked.structuredRetryCount,
    );
    if (!refined.ok)
      throw new PhaseError(`Refining the interview failed: ${refined.error}`, ['QUORUM_NOT_MET'], undefined, {
        cause: refined.failure,
      });
    const compiled = normalizeDraftQuestions(refined.value, ctx.locked.interviewQuestions);
    await deps.artifacts.write(
      ctx.ticket,
      'COMPILING_INTERVIEW',
      'interview_refined',
      JSON.stringify({ winnerId, questions: compiled, changes: refined.value.changes }),
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
