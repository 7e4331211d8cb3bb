import { parse, stringify } from 'yaml';
import { userEditReceiptOf } from '../artifacts/artifact-type.ts';
import type { ArtifactService } from '../artifacts/service.ts';
import { conflict, invalidInput } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import type { Clock } from '../lib/clock.ts';
import { sha256 } from '../lib/hash.ts';
import { PLANNING_STATUSES, TicketStatus } from '../lifecycle/statuses.ts';
import { effectiveStatus, type RestartDeps, restartPlanning } from '../planning/restart.ts';
import type { TicketService } from '../tickets/service.ts';
import type { TicketRow } from '../tickets/store.ts';
import { writeInterviewDocument } from './qa-phase.ts';
import {
  type Answer,
  type AnswerBatchInput,
  type BatchPayload,
  InterviewDocument,
  type InterviewView,
} from './schema.ts';
import {
  editAnswer,
  progressOf,
  recordAnswers,
  skipRemaining,
  toBatchPayload,
  toBatchQuestion,
  toSessionView,
} from './session.ts';
import { loadSession, saveSession } from './store.ts';

export interface InterviewDeps extends RestartDeps {
  clock: Clock;
  events: EventBus;
  tickets: TicketService;
  artifacts: ArtifactService;
}

const PLANNING_EDITABLE: readonly TicketStatus[] = ['WAITING_INTERVIEW_APPROVAL'];
/** workflow.md §4.8: after approval, an interview edit restarts planning while the ticket is in the PRD or beads phases. */
const DOWNSTREAM = PLANNING_STATUSES;

function requireStatus(row: TicketRow, allowed: readonly TicketStatus[], action: string) {
  const status = TicketStatus.parse(row.status);
  if (!allowed.includes(status))
    throw conflict(`Cannot ${action} while the ticket is in ${status}`, { status, allowed });
}

/** The interview routes (api-reference.txt "Interview And Planning Editing"). */
export function createInterviewService(deps: InterviewDeps) {
  const { clock, events, tickets, artifacts, transitions } = deps;

  async function view(ref: string): Promise<InterviewView> {
    const ticket = await tickets.resolve(ref);
    const session = await loadSession(artifacts, ticket);
    const stored = await artifacts.latest(ticket, 'interview');
    const document = stored ? InterviewDocument.safeParse(parse(stored.content)) : null;
    return {
      winnerId: session?.winnerId ?? null,
      raw: stored?.content ?? null,
      document: document?.success ? document.data : null,
      session: session && toSessionView(session),
      questions: (session?.questions ?? []).map(toBatchQuestion),
      currentBatch: session ? toBatchPayload(session) : null,
      contentSha256: stored?.contentSha256 ?? null,
    };
  }

  /** Submit the current batch. Answers are stored at once; the next model turn runs in the background (202). */
  async function answerBatch(input: AnswerBatchInput): Promise<{ accepted: true } | BatchPayload> {
    await transitions.move(input.id, {
      check: (ticket) => requireStatus(ticket, ['WAITING_INTERVIEW_ANSWERS'], 'answer interview questions'),
      write: async (ticket) => {
        const session = await loadSession(artifacts, ticket);
        if (!session?.currentBatch) throw conflict('The interviewer is still preparing the next questions');
        if (session.pendingAnswerIds.length)
          throw conflict('This batch was already answered; the next one is on its way');
        const recorded = recordAnswers(session, input, clock.isoNow());
        await saveSession(artifacts, ticket, recorded);
        const progress = progressOf(recorded);
        await events.publish('progress', {
          ticketId: ticket.externalId,
          phase: 'WAITING_INTERVIEW_ANSWERS',
          current: progress.answered,
          total: progress.total,
          message: `${progress.answered} of about ${progress.total} questions answered`,
        });
        return { event: 'BATCH_ANSWERED', reason: 'batch answered' };
      },
    });
    return { accepted: true };
  }

  /** Skip All (§7.5): keep typed answers, skip the rest, write a synthetic clean coverage record, go to approval. */
  async function skipAll(input: AnswerBatchInput & { reason?: string }) {
    const moved = await transitions.move(input.id, {
      check: (ticket) => requireStatus(ticket, ['WAITING_INTERVIEW_ANSWERS'], 'skip the interview'),
      abort: true,
      write: async (current) => {
        const session = await loadSession(artifacts, current);
        if (!session) throw conflict('The interview has not started yet');
        const now = clock.isoNow();
        const answers = { ...session.answers };
        // Keep what the user typed or picked: a choice answered with options only counts as answered too.
        for (const id of new Set([...Object.keys(input.answers), ...Object.keys(input.selectedOptions)])) {
          const text = input.answers[id]?.trim() ?? '';
          const options = input.selectedOptions[id] ?? [];
          if ((text || options.length) && session.questions.some((q) => q.id === id)) {
            answers[id] = {
              skipped: false,
              selected_option_ids: options,
              free_text: text,
              answered_by: 'user',
              answered_at: now,
            };
          }
        }
        const skipped = skipRemaining({ ...session, answers }, input.reason, now);
        await saveSession(artifacts, current, skipped);
        await writeInterviewDocument({ artifacts, clock }, current, skipped, 'WAITING_INTERVIEW_ANSWERS');
        await artifacts.write(
          current,
          'VERIFYING_INTERVIEW_COVERAGE',
          'interview_coverage',
          JSON.stringify({
            status: 'clean',
            gaps: [],
            terminationReason: 'clean',
            synthetic: true,
            reason: 'skip_all',
          }),
        );
        return { event: 'SKIP_ALL_TO_APPROVAL', reason: 'skip all' };
      },
    });
    return { message: 'Remaining questions skipped', ticketId: moved.externalId, status: moved.status };
  }

  async function editRecordedAnswer(
    ref: string,
    questionId: string,
    answer: string | Omit<Answer, 'answered_by' | 'answered_at'>,
  ) {
    const ticket = await tickets.resolve(ref);
    requireStatus(ticket, ['WAITING_INTERVIEW_ANSWERS'], 'edit an answer');
    const session = await loadSession(artifacts, ticket);
    if (!session) throw conflict('The interview has not started yet');
    const now = clock.isoNow();
    const next: Answer =
      typeof answer === 'string'
        ? { skipped: false, selected_option_ids: [], free_text: answer, answered_by: 'user', answered_at: now }
        : { ...answer, answered_by: 'user', answered_at: now };
    const edited = editAnswer(session, questionId, next, now);
    await saveSession(artifacts, ticket, edited);
    return { success: true as const, questionId, answer: edited.answers[questionId] ?? next };
  }

  /**
   * Save the raw interview YAML: validated and rewritten canonically. At the approval gate the approval is reset;
   * after approval (PRD or beads phases) planning restarts from DRAFTING_PRD with downstream attempts archived
   * (workflow.md §4.8); from the execution band on, 409.
   */
  async function saveRaw(ref: string, raw: string) {
    const ticket = await tickets.resolve(ref);
    const at = effectiveStatus(ticket);
    const restart = at !== null && DOWNSTREAM.includes(at);
    if (!restart) requireStatus(ticket, PLANNING_EDITABLE, 'edit the interview');
    let parsed: unknown;
    try {
      parsed = parse(raw);
    } catch (error) {
      throw invalidInput('The interview is not valid YAML', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    const document = InterviewDocument.safeParse(parsed);
    if (!document.success)
      throw invalidInput('The interview document does not match its schema', document.error.issues);
    const canonical = stringify({
      ...document.data,
      ticket_id: ticket.externalId,
      status: restart ? 'approved' : 'draft',
      approval: restart ? document.data.approval : { approved_by: '', approved_at: '' },
    });
    const before = await artifacts.latest(ticket, 'interview');
    if (before?.contentSha256 === sha256(canonical)) return view(ref);
    if (restart) await transitions.abort(ticket);
    const current = await tickets.resolve(ref);
    const phase = TicketStatus.parse(current.status);
    const saved = await artifacts.write(current, phase, 'interview', canonical, { filePath: 'interview.yaml' });
    await artifacts.write(
      current,
      phase,
      userEditReceiptOf('interview'),
      JSON.stringify({
        beforeSha256: before?.contentSha256 ?? null,
        afterSha256: saved.contentSha256,
        savedAt: clock.isoNow(),
      }),
    );
    if (restart) await restartPlanning(deps, current, 'DRAFTING_PRD', 'planning_restart_after_interview_edit');
    return view(ref);
  }

  /** Structured answer edits during approval: applied to the document's answers, then saved like a raw edit. */
  async function saveAnswers(
    ref: string,
    questions: { id: string; answer: { skipped: boolean; selected_option_ids: string[]; free_text: string } }[],
  ) {
    const ticket = await tickets.resolve(ref);
    requireStatus(ticket, PLANNING_EDITABLE, 'edit interview answers');
    const stored = await artifacts.latest(ticket, 'interview');
    if (!stored) throw conflict('There is no interview document yet');
    const document = InterviewDocument.parse(parse(stored.content));
    const byId = new Map(questions.map((q) => [q.id, q.answer]));
    const unknown = questions.filter((q) => !document.questions.some((d) => d.id === q.id)).map((q) => q.id);
    if (unknown.length) throw invalidInput('Unknown question ids', { unknown });
    const now = clock.isoNow();
    const updated = {
      ...document,
      questions: document.questions.map((q) => {
        const answer = byId.get(q.id);
        return answer ? { ...q, answer: { ...answer, answered_by: 'user' as const, answered_at: now } } : q;
      }),
    };
    return saveRaw(ref, stringify(updated));
  }

  return { view, answerBatch, skipAll, editRecordedAnswer, saveRaw, saveAnswers };
}

export type InterviewService = ReturnType<typeof createInterviewService>;
