import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { normalizeValue } from './normalize.ts';

const Story = z.object({ acceptance_criteria: z.array(z.string()), implementation_steps: z.array(z.string()) });
const Prd = z.object({
  user_stories: z.array(Story),
  scores: z.record(z.string(), z.object({ total_score: z.number() })),
});
const options = { wrappers: ['prd'], aliases: { steps: 'implementation_steps', stories: 'user_stories' } };

describe('normalizeValue', () => {
  it.each([
    ['a single wrapper', { result: { user_stories: [] } }, { user_stories: [] }, ['unwrap-wrapper']],
    [
      'a wrapper chain with a per-artifact wrapper',
      { Result: { prd: { user_stories: [] } } },
      { user_stories: [] },
      ['unwrap-wrapper', 'unwrap-wrapper'],
    ],
    [
      'a wrapper next to other keys stays',
      { data: { user_stories: [] }, x: 1 },
      { data: { user_stories: [] }, x: 1 },
      [],
    ],
    ['a wrapper around a scalar stays', { output: 'text' }, { output: 'text' }, []],
    ['an unknown single key stays', { answer: { user_stories: [] } }, { answer: { user_stories: [] } }, []],
  ])('unwraps %s', (_name, input, expected, rules) => {
    const result = normalizeValue(input, Prd, options);
    expect(result.value).toEqual(expected);
    expect(result.warnings.map((w) => w.rule)).toEqual(rules);
  });

  it.each([
    ['camelCase', { userStories: [{ acceptanceCriteria: ['a'] }] }, { user_stories: [{ acceptance_criteria: ['a'] }] }],
    [
      'PascalCase and kebab-case',
      { UserStories: [{ 'acceptance-criteria': ['a'] }] },
      { user_stories: [{ acceptance_criteria: ['a'] }] },
    ],
    ['per-field synonyms', { stories: [{ Steps: ['s'] }] }, { user_stories: [{ implementation_steps: ['s'] }] }],
    [
      'record keys are data, their values are aliased',
      { scores: { 'Draft 1': { TotalScore: 3 } } },
      { scores: { 'Draft 1': { total_score: 3 } } },
    ],
    [
      'an alias never overwrites the canonical key',
      { user_stories: [], UserStories: [1] },
      { user_stories: [], UserStories: [1] },
    ],
    ['unknown keys stay', { notes: 'x' }, { notes: 'x' }],
  ])('aliases %s', (_name, input, expected) => {
    expect(normalizeValue(input, Prd, options).value).toEqual(expected);
  });

  it('names every rename with its path', () => {
    const { warnings } = normalizeValue({ stories: [{ AcceptanceCriteria: [] }] }, Prd, options);
    expect(warnings.map((w) => w.detail)).toEqual([
      'stories → user_stories',
      'user_stories[0].AcceptanceCriteria → acceptance_criteria',
    ]);
  });

  it('reads shapes through defaults, optionals, catch, pipes and unions', () => {
    const Wrapped = z
      .object({
        items: z
          .array(z.union([z.object({ file_path: z.string() }), z.object({ other_key: z.string() })]))
          .optional()
          .default([]),
      })
      .catch({ items: [] })
      .transform((v) => v);
    const { value } = normalizeValue({ Items: [{ FilePath: 'a' }, { otherKey: 'b' }] }, Wrapped);
    expect(value).toEqual({ items: [{ file_path: 'a' }, { other_key: 'b' }] });
  });
});
