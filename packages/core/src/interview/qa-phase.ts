import { stringify } from 'yaml';
import type { ArtifactService } from '../artifacts/service.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import { type PhaseContext, PhaseError, type PhaseHandler } from '../lifecycle/phase.ts';
import type { LogService } from '../logs/service.ts';
import type { OpencodeService, PromptRun } from '../opencode/service.ts';
import { callStructured } from '../opencode/structured-call.ts';
import { loadPrompt, phaseTag, ticketDetails } from '../prompts/template.ts';
import type { TicketRow } from '../tickets/store.ts';
import { InterviewBatch, InterviewComplete, type InterviewSession } from './schema.ts';
import { answersMessage, applyBatch, buildDocument, formatAnswer, toBatchPayload } from './session.ts';
import { loadSession, saveSession } from './store.ts';

const STATUS = 'WAITING_INTERVIEW_ANSWERS';
const renderStart = loadPrompt(new URL('./qa-start.md', import.meta.url));
const renderResume = loadPrompt(new URL('./qa-resume.md', import.meta.url));

const batchSpec = {
  schema: InterviewBatch,
  tag: 'INTERVIEW_BATCH',
  rootKeys: ['batch_number', 'progress', 'is_final_free_form', 'ai_commentary', 'questions'],
  listPrimaryKeys: { questions: 'id' },
  formatReminder:
    'Exactly one <INTERVIEW_BATCH> YAML block with 1–3 questions (id, question, phase, priority, rationale, answer_type, options).',
};
const completeSpec = {
  schema: InterviewComplete,
  tag: 'INTERVIEW_COMPLETE',
  rootKeys: ['summary'],
  formatReminder:
    'Exactly one <INTERVIEW_COMPLETE> YAML block with summary {goals, constraints, non_goals, final_free_form_answer}.',
};

export interface QaDeps {
  opencode: OpencodeService;
  artifacts: ArtifactService;
  logs: LogService;
  events: EventBus;
  clock: Clock;
}

function checklist(session: InterviewSession) {
  return session.questions.map((q) => `- ${q.id} [${q.phase}] ${q.question}`).join('\n');
}

function resumePrompt(ticket: TicketRow, session: InterviewSession) {
  const answered = session.questions.filter((q) => session.answers[q.id]);
  const pending = session.questions.filter((q) => !session.answers[q.id]);
  return renderResume({
    phaseTag: phaseTag(STATUS),
    ticketDetails: ticketDetails(ticket),
    maxFollowUps: String(session.maxFollowUps),
    answered:
      answered.map((q) => `- ${q.id}: ${q.question}\n  Answer: ${formatAnswer(q, session.answers[q.id])}`).join('\n') ||
      '(none)',
    pending: pending.map((q) => `- ${q.id} [${q.phase}] ${q.question}`).join('\n') || '(none: ask QFF1)',
  });
}

/** Write the interview document (interview.yaml + artifact) from the session. */
export async function writeInterviewDocument(
  deps: Pick<QaDeps, 'artifacts' | 'clock'>,
  ticket: TicketRow,
  session: InterviewSession,
  phase: string,
) {
  const document = buildDocument(session, ticket.externalId, deps.clock.isoNow());
  return deps.artifacts.write(ticket, phase, 'interview', stringify(document), { filePath: 'interview.yaml' });
}

/**
 * WAITING_INTERVIEW_ANSWERS (workflow.md §7.4): one multi-turn session with the interview winner. The handler runs
 * a model turn when there is none yet or when submitted answers are pending, then waits for the user again.
 */
export function interviewQaPhase(deps: QaDeps): PhaseHandler {
  return async (ctx: PhaseContext) => {
    const session = await loadSession(deps.artifacts, ctx.ticket);
    if (!session) throw new PhaseError('The interview has no compiled questions', ['PROM4_INIT_FAILED']);
    if (session.completedAt) return { event: 'INTERVIEW_COMPLETE' };
    if (session.currentBatch && session.pendingAnswerIds.length === 0) return { event: null };
    if (session.currentBatch?.source === 'coverage') {
      // Coverage follow-ups need no interviewer turn: the answers go straight back to the coverage audit.
      const now = deps.clock.isoNow();
      const done = { ...session, currentBatch: null, pendingAnswerIds: [], completedAt: now, updatedAt: now };
      await saveSession(deps.artifacts, ctx.ticket, done);
      await writeInterviewDocument(deps, ctx.ticket, done, STATUS);
      return { event: 'INTERVIEW_COMPLETE' };
    }

    const base: Omit<PromptRun, 'text'> = {
      ticket: ctx.ticket,
      phase: STATUS,
      phaseAttempt: ctx.phaseAttempt,
      title: `${ctx.ticket.externalId} · interview`,
      model: session.winnerId,
      variant: ctx.locked.councilMemberVariants[session.winnerId] ?? null,
      timeoutMs: ctx.settings.councilResponseTimeout * 1000,
      signal: ctx.signal,
      resume: ctx.continuation,
      tools: { write: false, edit: false, bash: false, patch: false },
    };
    const firstTurn = !session.sessionId;
    const text = firstTurn
      ? renderStart({
          phaseTag: phaseTag(STATUS),
          ticketDetails: ticketDetails(ctx.ticket),
          maxInitialQuestions: String(session.maxInitialQuestions),
          maxFollowUps: String(session.maxFollowUps),
          checklist: checklist(session),
        })
      : `${phaseTag(STATUS)}\nAnswers for batch ${session.currentBatch?.batchNumber ?? ''}:\n\n${answersMessage(session, session.pendingAnswerIds)}`;
    const specFor = (raw: string) => (raw.includes('<INTERVIEW_COMPLETE') ? completeSpec : batchSpec);
    const call = (run: PromptRun) =>
      callStructured<InterviewBatch | import('zod').infer<typeof InterviewComplete>>(
        deps.opencode,
        run,
        batchSpec,
        ctx.locked.structuredRetryCount,
        specFor,
      );
    let result = await call({ ...base, text, ...(session.sessionId && { continueSessionId: session.sessionId }) });
    if (!result.ok && !firstTurn && result.attempts.every((a) => a.failureClass === 'runtime')) {
      // §7.4: the conversation was lost; a resume prompt in a fresh session, so nothing answered is asked again.
      result = await call({ ...base, resume: undefined, text: resumePrompt(ctx.ticket, session) });
    }
    if (!result.ok) {
      throw new PhaseError(
        `The interviewer did not produce the next questions: ${result.error}`,
        ['PROM4_INIT_FAILED'],
        {
          failureClass: result.failureClass,
          attempts: result.attempts.length,
        },
        { cause: result.failure },
      );
    }
    const now = deps.clock.isoNow();
    const withSession = { ...session, sessionId: result.outcome.sessionId };
    const value = result.value;
    if ('questions' in value) {
      const { session: next, dropped } = applyBatch(withSession, value, 'prom4', now);
      await saveSession(deps.artifacts, ctx.ticket, next);
      if (dropped.length) {
        await deps.logs.milestone(ctx.ticket, STATUS, `Dropped follow-ups over the budget: ${dropped.join(', ')}`);
      }
      await deps.events.publish('needs_input', {
        ticketId: ctx.ticket.externalId,
        type: 'interview_batch',
        batch: toBatchPayload(next),
      });
      return { event: null };
    }
    const done: InterviewSession = {
      ...withSession,
      summary: value.summary,
      currentBatch: null,
      pendingAnswerIds: [],
      completedAt: now,
      updatedAt: now,
    };
    await saveSession(deps.artifacts, ctx.ticket, done);
    await writeInterviewDocument(deps, ctx.ticket, done, STATUS);
    await deps.logs.milestone(ctx.ticket, STATUS, 'Interview answers complete');
    return { event: 'INTERVIEW_COMPLETE' };
  };
}
