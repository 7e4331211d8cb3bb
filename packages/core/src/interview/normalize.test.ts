import { describe, expect, it } from 'vitest';
import { normalizeDraftQuestions } from './normalize.ts';
import { DraftQuestions } from './schema.ts';

const draft = (questions: { id: string | number; phase: string; question: string }[]) =>
  DraftQuestions.parse({ questions });

describe('normalizeDraftQuestions', () => {
  it.each([
    ['1', 'Q01'],
    ['q1', 'Q01'],
    ['Q1', 'Q01'],
    ['Q007', 'Q07'],
    ['12', 'Q12'],
    ['custom-id', 'custom-id'],
  ])('normalizes id %s to %s', (raw, expected) => {
    expect(normalizeDraftQuestions(draft([{ id: raw, phase: 'foundation', question: 'x' }]), 50)[0]?.id).toBe(expected);
  });

  it('renumbers duplicates above the maximum and sorts stably by phase, case-insensitively', () => {
    const result = normalizeDraftQuestions(
      draft([
        { id: 1, phase: 'Assembly', question: 'a' },
        { id: 2, phase: 'FOUNDATION', question: 'b' },
        { id: 2, phase: 'structure', question: 'c' },
        { id: 3, phase: 'foundation', question: 'd' },
      ]),
      50,
    );
    expect(result.map((q) => [q.id, q.phase, q.question])).toEqual([
      ['Q02', 'Foundation', 'b'],
      ['Q03', 'Foundation', 'd'],
      ['Q04', 'Structure', 'c'],
      ['Q01', 'Assembly', 'a'],
    ]);
  });

  it('treats the question cap as a hard upper bound', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, phase: 'structure', question: `q${i}` }));
    expect(normalizeDraftQuestions(draft(many), 4)).toHaveLength(4);
  });

  it('rejects an unknown phase instead of dropping the entry', () => {
    expect(() => draft([{ id: 1, phase: 'later', question: 'x' }])).toThrow();
  });
});
