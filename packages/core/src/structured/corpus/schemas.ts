import { z } from 'zod';
import type { StructuredSpec } from '../types.ts';

// Realistic artifact shapes for the corpus tests (workflow.md §6, §7, §8.2); the real ones live in their domains.

export const RelevantFiles = z.object({
  file_count: z.number().int(),
  files: z
    .array(
      z.object({
        path: z.string().min(1),
        rationale: z.string(),
        relevance: z.enum(['high', 'medium', 'low']),
        likely_action: z.enum(['read', 'modify', 'create']),
      }),
    )
    .min(1),
});

export const relevantFilesSpec: StructuredSpec<z.infer<typeof RelevantFiles>> = {
  schema: RelevantFiles,
  tag: 'RELEVANT_FILES_RESULT',
  rootKeys: ['file_count', 'files'],
  listPrimaryKeys: { files: 'path' },
};

export const InterviewQuestions = z.object({
  questions: z
    .array(
      z.object({
        id: z.string(),
        phase: z.enum(['foundation', 'structure', 'assembly']),
        question: z.string().min(1),
      }),
    )
    .min(1),
});

export const questionsSpec: StructuredSpec<z.infer<typeof InterviewQuestions>> = {
  schema: InterviewQuestions,
  rootKeys: ['questions'],
  listPrimaryKeys: { questions: 'id' },
};

export const Prd = z.object({
  epics: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      user_stories: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          acceptance_criteria: z.array(z.string()).min(1),
          implementation_steps: z.array(z.string()).default([]),
        }),
      ),
    }),
  ),
});

export const prdSpec: StructuredSpec<z.infer<typeof Prd>> = {
  schema: Prd,
  rootKeys: ['epics'],
  wrappers: ['prd'],
  aliases: { steps: 'implementation_steps', stories: 'user_stories' },
};

export const InterviewBatch = z.object({
  batch_number: z.number().int(),
  progress: z.object({ current: z.number().int(), total: z.number().int() }),
  questions: z.array(z.object({ id: z.string(), question: z.string() })).min(1),
});

export const batchSpec: StructuredSpec<z.infer<typeof InterviewBatch>> = {
  schema: InterviewBatch,
  tag: 'INTERVIEW_BATCH',
  rootKeys: ['batch_number', 'progress', 'questions'],
};
