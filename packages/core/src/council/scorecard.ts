import { z } from 'zod';
import { MAX_CATEGORY_SCORE, type Rubric } from './rubrics.ts';

/** The shape a voter writes (workflow.md §5.4), before labels, categories and totals are normalized. */
export const RawScorecard = z.object({
  draft_scores: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type RawScorecard = z.infer<typeof RawScorecard>;

export interface DraftScore {
  /** Keyed by the rubric category name, every category present. */
  scores: Record<string, number>;
  totalScore: number;
}

/** Keyed by the presented label (`Draft 1` … `Draft k`), every presented draft present. */
export type Scorecard = Record<string, DraftScore>;

export type ScorecardResult = { ok: true; scorecard: Scorecard; warnings: string[] } | { ok: false; error: string };

/** `draft1`, `Draft 01`, `draft_2`, `DRAFT-3` → `Draft N`; anything else → null. */
export function normalizeDraftLabel(raw: string): string | null {
  const match = /^\s*draft[\s_#-]*0*(\d+)\s*$/i.exec(raw);
  return match ? `Draft ${Number(match[1])}` : null;
}

/** workflow.md §12.2 step 6: keys compare lowercased with non-alphanumerics removed. */
const keyOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const TOTAL_KEYS = new Set(['totalscore', 'total']);

function readInteger(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return null;
}

function normalizeDraft(
  label: string,
  entry: Record<string, unknown>,
  rubric: Rubric,
  errors: string[],
  warnings: string[],
): DraftScore {
  const byKey = new Map(rubric.map((c) => [keyOf(c.name), c.name]));
  const scores: Record<string, number> = {};
  let statedTotal: unknown;
  for (const [key, value] of Object.entries(entry)) {
    if (TOTAL_KEYS.has(keyOf(key))) {
      statedTotal = value;
      continue;
    }
    const category = byKey.get(keyOf(key));
    if (!category) {
      errors.push(`${label}: "${key}" is not a rubric category`);
      continue;
    }
    const score = readInteger(value);
    if (score === null || score < 0 || score > MAX_CATEGORY_SCORE) {
      errors.push(`${label}: "${category}" must be an integer from 0 to ${MAX_CATEGORY_SCORE}`);
      continue;
    }
    scores[category] = score;
  }
  for (const { name } of rubric) {
    if (scores[name] !== undefined) continue;
    scores[name] = 0; // workflow.md §5.4: a missing category counts as 0
    warnings.push(`${label}: missing "${name}" counted as 0`);
  }
  const sum = Object.values(scores).reduce((a, b) => a + b, 0);
  const total = readInteger(statedTotal);
  if (statedTotal === undefined) warnings.push(`${label}: missing total_score recomputed as ${sum}`);
  else if (total !== sum) warnings.push(`${label}: total_score ${String(statedTotal)} recomputed as ${sum}`);
  return { scores, totalScore: sum };
}

/**
 * workflow.md §5.4 normalization: draft labels become `Draft N`, category keys match the rubric loosely, a missing
 * category counts 0 and the total is always the sum (a wrong or missing one is a warning). Unknown labels or
 * categories, a draft left unscored, and out-of-range scores fail, so the voter is asked again.
 */
export function normalizeScorecard(raw: RawScorecard, rubric: Rubric, labels: readonly string[]): ScorecardResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const expected = new Set(labels);
  const scorecard: Scorecard = {};
  for (const [rawLabel, entry] of Object.entries(raw.draft_scores)) {
    const label = normalizeDraftLabel(rawLabel);
    if (!label || !expected.has(label)) {
      errors.push(`"${rawLabel}" is not one of the presented drafts (${labels.join(', ')})`);
      continue;
    }
    if (scorecard[label]) {
      errors.push(`${label} is scored twice`);
      continue;
    }
    if (label !== rawLabel) warnings.push(`draft label "${rawLabel}" read as "${label}"`);
    scorecard[label] = normalizeDraft(label, entry, rubric, errors, warnings);
  }
  for (const label of labels) {
    if (!scorecard[label]) errors.push(`${label} has no scores`);
  }
  return errors.length > 0 ? { ok: false, error: errors.join('; ') } : { ok: true, scorecard, warnings };
}

/** The zod schema a voter's answer is validated with: raw shape, then normalization as a transform. */
export function scorecardSchema(rubric: Rubric, labels: readonly string[]) {
  return RawScorecard.transform((raw, ctx) => {
    const result = normalizeScorecard(raw, rubric, labels);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.error });
      return z.NEVER;
    }
    return { scorecard: result.scorecard, warnings: result.warnings };
  });
}
export type NormalizedScorecard = z.output<ReturnType<typeof scorecardSchema>>;

/** The reminder repeated in retry prompts (workflow.md §12.1). */
export function scorecardFormatReminder(rubric: Rubric, labels: readonly string[]): string {
  return [
    `YAML only: a top-level \`draft_scores\` map keyed by exactly ${labels.map((l) => `\`${l}\``).join(', ')}.`,
    `Each draft has only these integer fields: ${rubric.map((c) => `\`${c.name}\``).join(', ')} (0–${MAX_CATEGORY_SCORE} each) and \`total_score\` (their sum).`,
    'No prose, code fences, rankings, winners, comments or extra keys.',
  ].join('\n');
}
