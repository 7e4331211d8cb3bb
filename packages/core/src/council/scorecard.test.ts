import { describe, expect, it } from 'vitest';
import { parseStructured } from '../structured/index.ts';
import { RUBRICS } from './rubrics.ts';
import { normalizeDraftLabel, normalizeScorecard, scorecardFormatReminder, scorecardSchema } from './scorecard.ts';

const RUBRIC = RUBRICS.interview;
const LABELS = ['Draft 1', 'Draft 2'];
const full = (scores: number[], total?: unknown) => ({
  ...Object.fromEntries(RUBRIC.map((c, i) => [c.name, scores[i] ?? 0])),
  ...(total === undefined ? {} : { total_score: total }),
});

describe('normalizeDraftLabel', () => {
  it.each([
    ['Draft 1', 'Draft 1'],
    ['draft1', 'Draft 1'],
    ['Draft 01', 'Draft 1'],
    ['DRAFT_2', 'Draft 2'],
    ['draft-3', 'Draft 3'],
    [' Draft #4 ', 'Draft 4'],
    ['Proposal 1', null],
    ['Draft A', null],
  ])('%j → %j', (raw, label) => {
    expect(normalizeDraftLabel(raw)).toBe(label);
  });
});

describe('normalizeScorecard', () => {
  it('accepts a clean scorecard without warnings', () => {
    const result = normalizeScorecard(
      { draft_scores: { 'Draft 1': full([20, 18, 16, 14, 12], 80), 'Draft 2': full([10, 10, 10, 10, 10], 50) } },
      RUBRIC,
      LABELS,
    );
    expect(result).toEqual({
      ok: true,
      warnings: [],
      scorecard: {
        'Draft 1': { scores: full([20, 18, 16, 14, 12]), totalScore: 80 },
        'Draft 2': { scores: full([10, 10, 10, 10, 10]), totalScore: 50 },
      },
    });
  });

  it.each<[string, Record<string, unknown>, number, string[]]>([
    ['missing total is recomputed', full([1, 2, 3, 4, 5]), 15, ['Draft 1: missing total_score recomputed as 15']],
    ['wrong total is recomputed', full([1, 2, 3, 4, 5], 99), 15, ['Draft 1: total_score 99 recomputed as 15']],
    [
      'unreadable total is recomputed',
      full([1, 2, 3, 4, 5], 'lots'),
      15,
      ['Draft 1: total_score lots recomputed as 15'],
    ],
    [
      'a missing category counts 0',
      {
        'Coverage of requirements': 20,
        Testability: 10,
        'Correctness / feasibility': 5,
        'Risks / edge cases addressed': 5,
        total_score: 40,
      },
      40,
      ['Draft 1: missing "Minimal complexity / good decomposition" counted as 0'],
    ],
    [
      'category keys match loosely and numeric strings are read',
      {
        coverage_of_requirements: '20',
        correctnessFeasibility: 20,
        TESTABILITY: 20,
        'minimal complexity - good decomposition': 20,
        risks_edge_cases_addressed: 20,
        totalScore: 100,
      },
      100,
      [],
    ],
  ])('%s', (_name, entry, total, warnings) => {
    const result = normalizeScorecard({ draft_scores: { 'Draft 1': entry } }, RUBRIC, ['Draft 1']);
    expect(result).toMatchObject({ ok: true, warnings });
    expect(result.ok && result.scorecard['Draft 1']?.totalScore).toBe(total);
  });

  it('normalizes draft labels with a warning', () => {
    const result = normalizeScorecard(
      { draft_scores: { draft1: full([5, 5, 5, 5, 5], 25), 'Draft 02': full([1, 1, 1, 1, 1], 5) } },
      RUBRIC,
      LABELS,
    );
    expect(result.ok && Object.keys(result.scorecard)).toEqual(['Draft 1', 'Draft 2']);
    expect(result.ok && result.warnings).toEqual([
      'draft label "draft1" read as "Draft 1"',
      'draft label "Draft 02" read as "Draft 2"',
    ]);
  });

  it.each<[string, Record<string, Record<string, unknown>>, string]>([
    ['a draft left unscored', { 'Draft 1': full([1, 1, 1, 1, 1]) }, 'Draft 2 has no scores'],
    [
      'a label never presented',
      { 'Draft 1': full([1]), 'Draft 2': full([1]), 'Draft 3': full([1]) },
      '"Draft 3" is not one of the presented drafts',
    ],
    [
      'a label that is not a draft',
      { 'Draft 1': full([1]), 'Draft 2': full([1]), winner: {} },
      '"winner" is not one of the presented drafts',
    ],
    [
      'the same draft twice',
      { draft1: full([1]), 'Draft 1': full([1]), 'Draft 2': full([1]) },
      'Draft 1 is scored twice',
    ],
    [
      'an unknown category',
      { 'Draft 1': { ...full([1]), Style: 10 }, 'Draft 2': full([1]) },
      'Draft 1: "Style" is not a rubric category',
    ],
    ['a score above 20', { 'Draft 1': full([21]), 'Draft 2': full([1]) }, 'must be an integer from 0 to 20'],
    ['a negative score', { 'Draft 1': full([-1]), 'Draft 2': full([1]) }, 'must be an integer from 0 to 20'],
    ['a fractional score', { 'Draft 1': full([12.5]), 'Draft 2': full([1]) }, 'must be an integer from 0 to 20'],
  ])('rejects %s', (_name, draftScores, error) => {
    const result = normalizeScorecard({ draft_scores: draftScores }, RUBRIC, LABELS);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(error);
  });
});

describe('scorecardSchema', () => {
  it('validates and normalizes in one parse', () => {
    const parsed = scorecardSchema(RUBRIC, ['Draft 1']).safeParse({
      draft_scores: { 'draft 1': full([4, 4, 4, 4, 4]) },
    });
    expect(parsed.success && parsed.data.scorecard['Draft 1']?.totalScore).toBe(20);
  });

  it('reports normalization failures as zod issues', () => {
    const parsed = scorecardSchema(RUBRIC, ['Draft 1']).safeParse({ draft_scores: { 'Draft 9': full([1]) } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join()).toContain('"Draft 9" is not one of the presented drafts');
  });

  it('rejects a scorecard without draft_scores', () => {
    expect(scorecardSchema(RUBRIC, ['Draft 1']).safeParse({ scores: {} }).success).toBe(false);
  });
});

describe('scorecardFormatReminder', () => {
  it('names every label and category', () => {
    const reminder = scorecardFormatReminder(RUBRICS.beads, LABELS);
    for (const text of [...LABELS, ...RUBRICS.beads.map((c) => c.name), 'total_score'])
      expect(reminder).toContain(text);
  });
});

describe('scorecard through the structured parser', () => {
  it('recovers a fenced scorecard wrapped in prose and keeps the draft labels', () => {
    const text = [
      'Here are my scores:',
      '```yaml',
      'draft_scores:',
      '  Draft 1:',
      ...RUBRIC.map((c) => `    ${c.name}: 12`),
      '    total_score: 60',
      '  draft2:',
      ...RUBRIC.map((c) => `    ${c.name}: 8`),
      '```',
    ].join('\n');
    const parsed = parseStructured(text, { schema: scorecardSchema(RUBRIC, LABELS), rootKeys: ['draft_scores'] });
    expect(parsed.ok && parsed.value.scorecard).toEqual({
      'Draft 1': { scores: full([12, 12, 12, 12, 12]), totalScore: 60 },
      'Draft 2': { scores: full([8, 8, 8, 8, 8]), totalScore: 40 },
    });
  });
});
