import { z } from 'zod';
import { TicketIdParam } from '../tickets/ref.ts';

// workflow.md §7: interview questions, live batches, the session snapshot and the canonical interview document.

export const InterviewPhase = z.enum(['Foundation', 'Structure', 'Assembly']);
export type InterviewPhase = z.infer<typeof InterviewPhase>;

/** Drafted question (PROM1): exactly id, phase, question. Phase matched case-insensitively. */
export const DraftQuestion = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  phase: z
    .string()
    .transform((p) => p.trim().toLowerCase())
    .pipe(z.enum(['foundation', 'structure', 'assembly'])),
  question: z.string().min(1),
});
export const DraftQuestions = z.object({ questions: z.array(DraftQuestion).min(1) });
export type DraftQuestions = z.infer<typeof DraftQuestions>;

export const AnswerType = z.enum(['yes_no', 'single_choice', 'multiple_choice', 'free_text']);
export const Priority = z.enum(['critical', 'high', 'medium', 'low']);
/** Stored and API form of an option. */
export const QuestionOption = z.object({ id: z.string(), label: z.string() });
/** Model output form: numeric ids are accepted and become strings. */
const ModelQuestionOption = z.object({ id: z.union([z.string(), z.number()]).transform(String), label: z.string() });

export const QuestionSource = z.enum(['compiled', 'prompt_follow_up', 'coverage_follow_up', 'final_free_form']);
export type QuestionSource = z.infer<typeof QuestionSource>;

/** A question as the UI shows it in a batch (API form: no transforms, so the OpenAPI document can describe it). */
export const BatchQuestion = z.object({
  id: z.string(),
  question: z.string(),
  phase: InterviewPhase,
  priority: Priority,
  rationale: z.string(),
  answer_type: AnswerType,
  options: z.array(QuestionOption),
});
export type BatchQuestion = z.infer<typeof BatchQuestion>;

/** A batch question as a model writes it: lenient ids, case-insensitive phase, sensible fallbacks. */
export const ModelBatchQuestion = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string().min(1),
  phase: z
    .string()
    .transform((p) => (p ? p[0]?.toUpperCase() + p.slice(1).toLowerCase() : p))
    .pipe(InterviewPhase)
    .catch('Assembly'),
  priority: Priority.catch('medium'),
  rationale: z.string().default(''),
  answer_type: AnswerType.catch('free_text'),
  options: z.array(ModelQuestionOption).default([]),
});

/** `<INTERVIEW_BATCH>` (PROM4 intermediate turn). */
export const InterviewBatch = z.object({
  batch_number: z.number().int().positive().optional(),
  progress: z.object({ current: z.number().int(), total: z.number().int() }).optional(),
  is_final_free_form: z.boolean().default(false),
  ai_commentary: z.string().default(''),
  questions: z.array(ModelBatchQuestion).min(1).max(3),
});
export type InterviewBatch = z.infer<typeof InterviewBatch>;

export const Answer = z.object({
  skipped: z.boolean(),
  selected_option_ids: z.array(z.string()).default([]),
  free_text: z.string().default(''),
  answered_by: z.enum(['user', 'ai_skip']).default('user'),
  answered_at: z.string().default(''),
  skip_reason: z.string().optional(),
});
export type Answer = z.infer<typeof Answer>;

/** One question of the durable interview document (§7.7). */
export const InterviewQuestion = z.object({
  id: z.string(),
  phase: InterviewPhase,
  prompt: z.string(),
  source: QuestionSource,
  follow_up_round: z.number().int().nullable().default(null),
  answer_type: AnswerType,
  options: z.array(QuestionOption).default([]),
  answer: Answer,
});
export type InterviewQuestion = z.infer<typeof InterviewQuestion>;

export const InterviewDocument = z.object({
  schema_version: z.literal(1).catch(1),
  ticket_id: z.string(),
  artifact: z.literal('interview').catch('interview'),
  status: z.enum(['draft', 'approved']).catch('draft'),
  generated_by: z.object({
    winner_model: z.string(),
    generated_at: z.string(),
    canonicalization: z.string().default('server_normalized'),
  }),
  questions: z.array(InterviewQuestion),
  follow_up_rounds: z
    .array(
      z.object({
        round_number: z.number().int(),
        source: z.enum(['prom4', 'coverage']),
        question_ids: z.array(z.string()),
      }),
    )
    .default([]),
  summary: z
    .object({
      goals: z.array(z.string()).default([]),
      constraints: z.array(z.string()).default([]),
      non_goals: z.array(z.string()).default([]),
      final_free_form_answer: z.string().default(''),
    })
    .default({ goals: [], constraints: [], non_goals: [], final_free_form_answer: '' }),
  approval: z
    .object({ approved_by: z.string(), approved_at: z.string() })
    .default({ approved_by: '', approved_at: '' }),
});
export type InterviewDocument = z.infer<typeof InterviewDocument>;

/** `<INTERVIEW_COMPLETE>`: the model's summary; the server builds the document from its own records. */
export const InterviewComplete = z.object({
  summary: z
    .object({
      goals: z.array(z.string()).default([]),
      constraints: z.array(z.string()).default([]),
      non_goals: z.array(z.string()).default([]),
      final_free_form_answer: z.string().default(''),
    })
    .default({ goals: [], constraints: [], non_goals: [], final_free_form_answer: '' }),
});

/** A question the session knows about: compiled, follow-up or final, with its answer once given. */
export const SessionQuestion = z.object({
  id: z.string(),
  question: z.string(),
  phase: InterviewPhase,
  source: QuestionSource,
  priority: Priority.default('medium'),
  rationale: z.string().default(''),
  answer_type: AnswerType,
  options: z.array(QuestionOption).default([]),
  follow_up_round: z.number().int().nullable().default(null),
});
export type SessionQuestion = z.infer<typeof SessionQuestion>;

export const CurrentBatch = z.object({
  batchNumber: z.number().int(),
  source: z.enum(['prom4', 'coverage']),
  roundNumber: z.number().int().nullable(),
  questionIds: z.array(z.string()),
  isFinalFreeForm: z.boolean(),
  aiCommentary: z.string(),
  progress: z.object({ current: z.number().int(), total: z.number().int() }),
});
export type CurrentBatch = z.infer<typeof CurrentBatch>;

/** §7.3: the live interview state, persisted so a restart resumes exactly where the user was. */
export const InterviewSession = z.object({
  schemaVersion: z.literal(1),
  winnerId: z.string(),
  sessionId: z.string().nullable(),
  maxInitialQuestions: z.number().int(),
  maxFollowUps: z.number().int(),
  questions: z.array(SessionQuestion),
  answers: z.record(z.string(), Answer),
  currentBatch: CurrentBatch.nullable(),
  /** Answers submitted but not yet sent to the model (survives a restart between submit and model turn). */
  pendingAnswerIds: z.array(z.string()).default([]),
  batchHistory: z.array(CurrentBatch),
  followUpRounds: z.array(
    z.object({
      roundNumber: z.number().int(),
      source: z.enum(['prom4', 'coverage']),
      questionIds: z.array(z.string()),
    }),
  ),
  coverageFollowUpsUsed: z.number().int().default(0),
  promptFollowUpsUsed: z.number().int().default(0),
  summary: InterviewComplete.shape.summary.optional(),
  completedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type InterviewSession = z.infer<typeof InterviewSession>;

// ---- API payloads (api-reference.txt "Interview And Planning Editing") ----

export const AnswerBatchInput = z
  .object({
    id: TicketIdParam,
    answers: z.record(z.string(), z.string()).default({}),
    selectedOptions: z.record(z.string(), z.array(z.string())).default({}),
    skipped: z.record(z.string(), z.union([z.boolean(), z.string()])).optional(),
  })
  .strict();
export type AnswerBatchInput = z.infer<typeof AnswerBatchInput>;

export const BatchPayload = z.object({
  questions: z.array(BatchQuestion),
  progress: z.object({ answered: z.number().int(), total: z.number().int() }),
  isComplete: z.boolean(),
  isFinalFreeForm: z.boolean(),
  aiCommentary: z.string(),
  batchNumber: z.number().int(),
  source: z.enum(['prom4', 'coverage']),
  roundNumber: z.number().int().nullable(),
});
export type BatchPayload = z.infer<typeof BatchPayload>;

export const AnswerBatchResult = z.union([z.object({ accepted: z.literal(true) }), BatchPayload]);

export const SkipInput = AnswerBatchInput.extend({ reason: z.string().max(20_000).optional() }).strict();

export const EditAnswerInput = z
  .object({
    id: TicketIdParam,
    questionId: z.string().min(1),
    answer: z.union([
      z.string(),
      z.object({
        skipped: z.boolean().default(false),
        selected_option_ids: z.array(z.string()).default([]),
        free_text: z.string().default(''),
      }),
    ]),
  })
  .strict();

export const InterviewAnswersInput = z
  .object({
    id: TicketIdParam,
    questions: z.array(
      z.object({
        id: z.string(),
        answer: z.object({
          skipped: z.boolean(),
          selected_option_ids: z.array(z.string()).default([]),
          free_text: z.string().default(''),
        }),
      }),
    ),
  })
  .strict();

export const InterviewPutInput = z.object({ id: TicketIdParam, raw: z.string() }).strict();

/**
 * Issue 17 compatibility: clients written against the reference read `session.currentBatch.questions` (full
 * question objects); the stored batch keeps ids only, so the view adds the questions beside them.
 */
export const InterviewSessionView = InterviewSession.extend({
  currentBatch: CurrentBatch.extend({ questions: z.array(BatchQuestion) }).nullable(),
});
export type InterviewSessionView = z.infer<typeof InterviewSessionView>;

export const InterviewView = z.object({
  winnerId: z.string().nullable(),
  raw: z.string().nullable(),
  document: InterviewDocument.nullable(),
  session: InterviewSessionView.nullable(),
  questions: z.array(BatchQuestion),
  currentBatch: BatchPayload.nullable(),
  contentSha256: z.string().nullable(),
});
export type InterviewView = z.infer<typeof InterviewView>;
