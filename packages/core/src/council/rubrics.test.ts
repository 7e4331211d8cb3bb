import { describe, expect, it } from 'vitest';
import { COUNCIL_DOMAINS } from './domain.ts';
import { describeRubric, MAX_CATEGORY_SCORE, MAX_TOTAL_SCORE, RUBRICS } from './rubrics.ts';

describe('RUBRICS', () => {
  it.each(COUNCIL_DOMAINS)('%s has five distinct categories worth 100 points', (domain) => {
    const names = RUBRICS[domain].map((c) => c.name);
    expect(new Set(names).size).toBe(5);
    expect(names.length * MAX_CATEGORY_SCORE).toBe(MAX_TOTAL_SCORE);
  });

  it('scores beads on PRD coverage and bead-scoped tests', () => {
    expect(RUBRICS.beads.map((c) => c.name)).toEqual([
      'Coverage of PRD requirements',
      'Correctness / feasibility of technical approach',
      'Quality and isolation of bead-scoped tests',
      'Minimal complexity / good dependency management',
      'Risks / edge cases addressed',
    ]);
  });

  it('describes a rubric as one bullet per category', () => {
    expect(describeRubric(RUBRICS.prd).split('\n')).toHaveLength(5);
    expect(describeRubric(RUBRICS.prd)).toContain('- Testability (0–20 pts):');
  });
});
