import { parse } from 'yaml';
import type { InterviewView } from '../lib/trpc.ts';

type InterviewQuestion = NonNullable<InterviewView['document']>['questions'][number];

/** One row of the read-only Full Answers panel (workflow.md §8.1, §8.5). */
export interface FullAnswerRow {
  id: string;
  prompt: string;
  /** The answer as a reader sees it: chosen option labels, then the free text. */
  answer: string;
  /** The council filled this answer in because the user skipped it (`answered_by: ai_skip`). */
  isAiFilled: boolean;
  isSkipped: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function toRow(question: Partial<InterviewQuestion>): FullAnswerRow {
  const answer: Partial<InterviewQuestion['answer']> = question.answer ?? {};
  const labels = (answer.selected_option_ids ?? []).map(
    (id) => question.options?.find((o) => o.id === id)?.label ?? id,
  );
  return {
    id: String(question.id ?? ''),
    prompt: String(question.prompt ?? ''),
    answer: [labels.join(', '), answer.free_text ?? ''].filter(Boolean).join(' — '),
    isAiFilled: answer.answered_by === 'ai_skip',
    isSkipped: answer.skipped === true,
  };
}

/** The winner's Full Answers YAML (an interview document) → rows, or an error when it cannot be read. */
export function parseFullAnswers(raw: string): { rows: FullAnswerRow[]; error: null } | { rows: null; error: string } {
  try {
    const document: unknown = parse(raw);
    const questions = isRecord(document) && Array.isArray(document.questions) ? document.questions : null;
    if (!questions) return { rows: null, error: 'The Full Answers have no questions list' };
    // Core wrote this document through its interview schema; the shape check above is the edge.
    return { rows: questions.filter(isRecord).map((q) => toRow(q as Partial<InterviewQuestion>)), error: null };
  } catch (error) {
    return { rows: null, error: error instanceof Error ? error.message : String(error) };
  }
}
