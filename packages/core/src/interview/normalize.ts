import type { DraftQuestions, InterviewPhase } from './schema.ts';

const PHASE_ORDER = { foundation: 0, structure: 1, assembly: 2 } as const;
const PHASE_LABEL: Record<keyof typeof PHASE_ORDER, InterviewPhase> = {
  foundation: 'Foundation',
  structure: 'Structure',
  assembly: 'Assembly',
};

export interface NormalizedQuestion {
  id: string;
  phase: InterviewPhase;
  question: string;
}

const pad = (n: number) => `Q${String(n).padStart(2, '0')}`;

/**
 * workflow.md §7.1 normalization: ids `1`, `q1`, `Q1` → `Q01`; a duplicate id is renumbered to max+1; questions are
 * stably sorted by phase (Foundation → Structure → Assembly); the cap is a hard upper bound.
 */
export function normalizeDraftQuestions(draft: DraftQuestions, cap: number): NormalizedQuestion[] {
  const seen = new Set<string>();
  const numbered = draft.questions.map((q) => {
    const digits = /^q?0*(\d+)$/i.exec(q.id.trim());
    return { ...q, id: digits ? pad(Number(digits[1])) : q.id.trim() };
  });
  let max = numbered.reduce((m, q) => Math.max(m, Number(/^Q(\d+)$/.exec(q.id)?.[1] ?? 0)), 0);
  const unique = numbered.map((q) => {
    if (!seen.has(q.id)) {
      seen.add(q.id);
      return q;
    }
    max += 1;
    const id = pad(max);
    seen.add(id);
    return { ...q, id };
  });
  return unique
    .map((q, index) => ({ q, index }))
    .sort((a, b) => PHASE_ORDER[a.q.phase] - PHASE_ORDER[b.q.phase] || a.index - b.index)
    .slice(0, Math.max(0, cap))
    .map(({ q }) => ({ id: q.id, phase: PHASE_LABEL[q.phase], question: q.question }));
}
