import { describe, expect, it } from 'vitest';
import { type CoverageDispositionInput, coverageDisposition, coverageRunState, followUpBudget } from './coverage.ts';

describe('coverageRunState', () => {
  it.each([
    [0, 2, 1, false],
    [1, 2, 2, true],
    [0, 1, 1, true],
    [4, 5, 5, true],
    [5, 5, 6, true],
    [2, 10, 3, false],
  ])('after %i passes of max %i runs audit %i (final: %s)', (completed, max, runNumber, isFinalAllowedRun) => {
    expect(coverageRunState(completed, max)).toEqual({ runNumber, isFinalAllowedRun });
  });
});

describe('coverageDisposition', () => {
  const base: CoverageDispositionInput = {
    domain: 'interview',
    hasGaps: true,
    isFinalAllowedRun: false,
    hasFollowUps: true,
    remainingBudget: 3,
  };
  it.each<[string, Partial<CoverageDispositionInput>, ReturnType<typeof coverageDisposition>]>([
    ['interview clean', { hasGaps: false }, { action: 'advance', limitReached: false, reason: 'clean' }],
    [
      'interview budget exhausted beats the pass cap',
      { remainingBudget: 0, isFinalAllowedRun: true },
      { action: 'advance', limitReached: true, reason: 'follow_up_budget_exhausted' },
    ],
    [
      'interview final run',
      { isFinalAllowedRun: true },
      { action: 'advance', limitReached: true, reason: 'coverage_pass_limit_reached' },
    ],
    [
      'interview gaps without follow-ups',
      { hasFollowUps: false },
      { action: 'advance', limitReached: false, reason: 'follow_up_generation_failed' },
    ],
    ['interview gaps with follow-ups', {}, { action: 'follow_up', limitReached: false, reason: 'gaps' }],
    ['prd clean', { domain: 'prd', hasGaps: false }, { action: 'advance', limitReached: false, reason: 'clean' }],
    [
      'prd gaps',
      { domain: 'prd', remainingBudget: 0, hasFollowUps: false },
      { action: 'revise', limitReached: false, reason: 'gaps' },
    ],
    [
      'prd final run',
      { domain: 'prd', isFinalAllowedRun: true },
      { action: 'advance', limitReached: true, reason: 'coverage_pass_limit_reached' },
    ],
    ['beads gaps', { domain: 'beads' }, { action: 'revise', limitReached: false, reason: 'gaps' }],
    [
      'beads final run',
      { domain: 'beads', isFinalAllowedRun: true },
      { action: 'advance', limitReached: true, reason: 'coverage_pass_limit_reached' },
    ],
  ])('%s', (_name, override, expected) => {
    expect(coverageDisposition({ ...base, ...override })).toEqual(expected);
  });

  it('gives PRD at most maxPasses audits and maxPasses − 1 revisions', () => {
    const maxPasses = 3;
    const actions: string[] = [];
    for (let completed = 0; ; completed++) {
      const { isFinalAllowedRun } = coverageRunState(completed, maxPasses);
      const { action } = coverageDisposition({ ...base, domain: 'prd', isFinalAllowedRun });
      actions.push(action);
      if (action === 'advance') break;
    }
    expect(actions).toEqual(['revise', 'revise', 'advance']);
  });
});

describe('followUpBudget', () => {
  it.each([
    [50, 20, 0, { total: 10, used: 0, remaining: 10 }],
    [50, 20, 4, { total: 10, used: 4, remaining: 6 }],
    [50, 20, 12, { total: 10, used: 12, remaining: 0 }],
    [3, 10, 0, { total: 1, used: 0, remaining: 1 }],
    [7, 50, 0, { total: 3, used: 0, remaining: 3 }],
    [50, 0, 0, { total: 0, used: 0, remaining: 0 }],
    [0, 20, 0, { total: 0, used: 0, remaining: 0 }],
    [50, 100, 0, { total: 50, used: 0, remaining: 50 }],
  ])('cap %i at %i%% with %i used', (cap, pct, used, expected) => {
    expect(followUpBudget(cap, pct, used)).toEqual(expected);
  });
});
