import { invalidInput } from '../errors.ts';
import type { NormalizedQuestion } from './normalize.ts';
import type {
  Answer,
  AnswerBatchInput,
  BatchPayload,
  BatchQuestion,
  InterviewBatch,
  InterviewDocument,
  InterviewSession,
  InterviewSessionView,
  QuestionSource,
  SessionQuestion,
} from './schema.ts';

// Pure operations on the interview session snapshot (workflow.md §7.3–7.5). Nothing here does I/O.

export const FINAL_FREE_FORM_ID = 'QFF1';

export function createSession(input: {
  winnerId: string;
  maxInitialQuestions: number;
  maxFollowUps: number;
  compiled: NormalizedQuestion[];
  now: string;
}): InterviewSession {
  return {
    schemaVersion: 1,
    winnerId: input.winnerId,
    sessionId: null,
    maxInitialQuestions: input.maxInitialQuestions,
    maxFollowUps: input.maxFollowUps,
    questions: input.compiled.map((q) => ({
      id: q.id,
      question: q.question,
      phase: q.phase,
      source: 'compiled',
      priority: 'medium',
      rationale: '',
      answer_type: 'free_text',
      options: [],
      follow_up_round: null,
    })),
    answers: {},
    currentBatch: null,
    pendingAnswerIds: [],
    batchHistory: [],
    followUpRounds: [],
    coverageFollowUpsUsed: 0,
    promptFollowUpsUsed: 0,
    completedAt: null,
    updatedAt: input.now,
  };
}

function sourceFor(id: string, isFinal: boolean, batchSource: 'prom4' | 'coverage'): QuestionSource {
  if (id === FINAL_FREE_FORM_ID || isFinal) return 'final_free_form';
  return batchSource === 'coverage' ? 'coverage_follow_up' : 'prompt_follow_up';
}

/** Register a batch from the model (or a coverage follow-up round) and make it the current batch. */
export function applyBatch(
  session: InterviewSession,
  batch: InterviewBatch,
  source: 'prom4' | 'coverage',
  now: string,
): { session: InterviewSession; dropped: string[] } {
  const known = new Map(session.questions.map((q) => [q.id, q]));
  const questions = [...session.questions];
  const dropped: string[] = [];
  let promptFollowUps = session.promptFollowUpsUsed;
  let coverageFollowUps = session.coverageFollowUpsUsed;
  const newIds: string[] = [];
  const batchIds: string[] = [];
  const roundNumber = source === 'coverage' ? session.followUpRounds.length + 1 : null;
  for (const q of batch.questions) {
    const existing = known.get(q.id);
    const isFinal = batch.is_final_free_form && (q.id === FINAL_FREE_FORM_ID || !existing);
    const entry: SessionQuestion = {
      id: q.id,
      question: q.question,
      phase: q.phase,
      source: existing?.source ?? sourceFor(q.id, isFinal, source),
      priority: q.priority,
      rationale: q.rationale,
      answer_type: q.answer_type,
      options: q.options,
      follow_up_round: existing?.follow_up_round ?? roundNumber,
    };
    if (existing) {
      questions[questions.findIndex((x) => x.id === q.id)] = entry;
    } else {
      // §7.4: prompt follow-ups count against max_follow_ups (hard cap); the final free-form question never does.
      if (entry.source === 'prompt_follow_up') {
        if (promptFollowUps >= session.maxFollowUps) {
          dropped.push(q.id);
          continue;
        }
        promptFollowUps += 1;
      }
      if (entry.source === 'coverage_follow_up') coverageFollowUps += 1;
      questions.push(entry);
      newIds.push(q.id);
    }
    batchIds.push(q.id);
  }
  const batchNumber = session.batchHistory.length + 1;
  const currentBatch = {
    batchNumber,
    source,
    roundNumber,
    questionIds: batchIds,
    isFinalFreeForm: batch.is_final_free_form,
    aiCommentary: batch.ai_commentary,
    progress: batch.progress ?? { current: batchNumber, total: batchNumber },
  };
  const followUpRounds =
    source === 'coverage' && newIds.length
      ? [...session.followUpRounds, { roundNumber: roundNumber ?? 1, source, questionIds: newIds }]
      : session.followUpRounds;
  return {
    session: {
      ...session,
      questions,
      currentBatch,
      pendingAnswerIds: [],
      batchHistory: [...session.batchHistory, currentBatch],
      followUpRounds,
      promptFollowUpsUsed: promptFollowUps,
      coverageFollowUpsUsed: coverageFollowUps,
      updatedAt: now,
    },
    dropped,
  };
}

/** Record the user's answers for the current batch; every batch question needs an answer, a choice or a skip. */
export function recordAnswers(
  session: InterviewSession,
  input: Pick<AnswerBatchInput, 'answers' | 'selectedOptions' | 'skipped'>,
  now: string,
): InterviewSession {
  const batch = session.currentBatch;
  if (!batch) throw invalidInput('There is no open question batch to answer');
  const batchIds = new Set(batch.questionIds);
  const mentioned = [
    ...Object.keys(input.answers),
    ...Object.keys(input.selectedOptions),
    ...Object.keys(input.skipped ?? {}),
  ];
  const unknown = mentioned.filter((id) => !batchIds.has(id));
  if (unknown.length)
    throw invalidInput('Answers name questions outside the current batch', { unknown, batch: batch.questionIds });
  const answers = { ...session.answers };
  const missing: string[] = [];
  for (const id of batch.questionIds) {
    const question = session.questions.find((q) => q.id === id);
    const text = input.answers[id]?.trim() ?? '';
    const selected = input.selectedOptions[id] ?? [];
    const skip = input.skipped?.[id];
    const badOptions = selected.filter((opt) => !question?.options.some((o) => o.id === opt));
    if (badOptions.length && question?.answer_type !== 'yes_no') {
      throw invalidInput(`Unknown option ids for ${id}`, { questionId: id, unknown: badOptions });
    }
    if (skip) {
      answers[id] = {
        skipped: true,
        selected_option_ids: [],
        free_text: '',
        answered_by: 'user',
        answered_at: now,
        ...(typeof skip === 'string' && skip.trim() && { skip_reason: skip.trim() }),
      };
      continue;
    }
    if (!text && selected.length === 0) {
      missing.push(id);
      continue;
    }
    answers[id] = {
      skipped: false,
      selected_option_ids: selected,
      free_text: text,
      answered_by: 'user',
      answered_at: now,
    };
  }
  if (missing.length)
    throw invalidInput('Every question of the batch needs an answer, a choice or a skip', { missing });
  return { ...session, answers, pendingAnswerIds: [...batch.questionIds], updatedAt: now };
}

/** §7.5: choice answers reach the model as `Selected: "A", "B". Notes: <text>`; skips as [SKIPPED]. */
export function formatAnswer(question: SessionQuestion | undefined, answer: Answer | undefined): string {
  if (!answer) return '[UNANSWERED]';
  if (answer.skipped) return `[SKIPPED]${answer.skip_reason ? ` (reason: ${answer.skip_reason})` : ''}`;
  if (answer.selected_option_ids.length) {
    const labels = answer.selected_option_ids.map((id) => question?.options.find((o) => o.id === id)?.label ?? id);
    const selected = `Selected: ${labels.map((l) => `"${l}"`).join(', ')}.`;
    return answer.free_text ? `${selected} Notes: ${answer.free_text}` : selected;
  }
  return answer.free_text;
}

export function answersMessage(session: InterviewSession, ids: string[]): string {
  return ids
    .map((id) => {
      const question = session.questions.find((q) => q.id === id);
      return `${id}: ${question?.question ?? ''}\nAnswer: ${formatAnswer(question, session.answers[id])}`;
    })
    .join('\n\n');
}

export function progressOf(session: InterviewSession) {
  const answered = session.questions.filter((q) => session.answers[q.id]).length;
  return { answered, total: Math.max(session.questions.length, answered) };
}

/** The API form of a session question. */
export function toBatchQuestion(q: SessionQuestion): BatchQuestion {
  return {
    id: q.id,
    question: q.question,
    phase: q.phase,
    priority: q.priority,
    rationale: q.rationale,
    answer_type: q.answer_type,
    options: q.options,
  };
}

function batchQuestions(session: InterviewSession, questionIds: string[]): BatchQuestion[] {
  return questionIds.flatMap((id) => {
    const q = session.questions.find((x) => x.id === id);
    return q ? [toBatchQuestion(q)] : [];
  });
}

/** The session as the API shows it: the current batch carries its questions too (InterviewSessionView). */
export function toSessionView(session: InterviewSession): InterviewSessionView {
  const batch = session.currentBatch;
  return { ...session, currentBatch: batch && { ...batch, questions: batchQuestions(session, batch.questionIds) } };
}

export function toBatchPayload(session: InterviewSession): BatchPayload | null {
  const batch = session.currentBatch;
  if (!batch) return null;
  const questions = batchQuestions(session, batch.questionIds);
  return {
    questions,
    progress: progressOf(session),
    isComplete: session.completedAt !== null,
    isFinalFreeForm: batch.isFinalFreeForm,
    aiCommentary: batch.aiCommentary,
    batchNumber: batch.batchNumber,
    source: batch.source,
    roundNumber: batch.roundNumber,
  };
}

/** Skip All (§7.5): keep answers, skip everything unanswered (one optional reason), close the batch. */
export function skipRemaining(session: InterviewSession, reason: string | undefined, now: string): InterviewSession {
  const answers = { ...session.answers };
  for (const q of session.questions) {
    if (answers[q.id]) continue;
    answers[q.id] = {
      skipped: true,
      selected_option_ids: [],
      free_text: '',
      answered_by: 'user',
      answered_at: now,
      ...(reason?.trim() && { skip_reason: reason.trim() }),
    };
  }
  return { ...session, answers, currentBatch: null, pendingAnswerIds: [], completedAt: now, updatedAt: now };
}

export function editAnswer(
  session: InterviewSession,
  questionId: string,
  answer: Answer,
  now: string,
): InterviewSession {
  if (!session.answers[questionId])
    throw invalidInput(`Question ${questionId} has no recorded answer to edit`, { questionId });
  return { ...session, answers: { ...session.answers, [questionId]: answer }, updatedAt: now };
}

/** §7.7: the canonical interview document, built from the server's own records (never from model prose). */
export function buildDocument(
  session: InterviewSession,
  ticketId: string,
  now: string,
  status: 'draft' | 'approved' = 'draft',
): InterviewDocument {
  return {
    schema_version: 1,
    ticket_id: ticketId,
    artifact: 'interview',
    status,
    generated_by: { winner_model: session.winnerId, generated_at: now, canonicalization: 'server_normalized' },
    questions: session.questions.map((q) => ({
      id: q.id,
      phase: q.phase,
      prompt: q.question,
      source: q.source,
      follow_up_round: q.follow_up_round,
      answer_type: q.answer_type,
      options: q.options,
      answer: session.answers[q.id] ?? {
        skipped: true,
        selected_option_ids: [],
        free_text: '',
        answered_by: 'user',
        answered_at: '',
      },
    })),
    follow_up_rounds: session.followUpRounds.map((r) => ({
      round_number: r.roundNumber,
      source: r.source,
      question_ids: r.questionIds,
    })),
    summary: session.summary ?? { goals: [], constraints: [], non_goals: [], final_free_form_answer: '' },
    approval: { approved_by: '', approved_at: '' },
  };
}
