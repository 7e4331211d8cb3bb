import { describe, expect, it } from 'vitest';
import { describeCouncil, describeCoverage } from './review-summary.ts';

const pass = (runNumber: number, gaps: string[], revised: boolean) => ({
  runNumber,
  status: gaps.length ? ('gaps' as const) : ('clean' as const),
  gaps,
  revised,
});

describe('describeCoverage', () => {
  it.each([
    ['not audited', null, ['Coverage  not audited yet']],
    [
      'clean after a revision',
      {
        passes: [pass(1, ['a'], true), pass(2, [], false)],
        maxPasses: 3,
        status: 'clean' as const,
        limitReached: false,
        terminationReason: 'clean',
        gaps: [],
      },
      ['Coverage  clean after 2 passes of at most 3, 1 revision'],
    ],
    [
      'gaps left at the cap, each one listed',
      {
        passes: [pass(1, ['a'], true), pass(2, ['a', 'b'], false)],
        maxPasses: 2,
        status: 'gaps' as const,
        limitReached: true,
        terminationReason: 'coverage_pass_limit_reached',
        gaps: ['a', 'b'],
      },
      [
        'Coverage  ⚠ 2 GAPS LEFT: the audit stopped at its cap (2 passes of at most 2, 1 revision); approving accepts them',
        '  ⚠ a',
        '  ⚠ b',
      ],
    ],
    [
      'gaps found below the cap',
      {
        passes: [pass(1, ['a'], false)],
        maxPasses: 3,
        status: 'gaps' as const,
        limitReached: false,
        terminationReason: null,
        gaps: ['a'],
      },
      ['Coverage  1 gap found (1 pass of at most 3)', '  ⚠ a'],
    ],
  ])('%s', (_, coverage, expected) => {
    expect(describeCoverage(coverage)).toEqual(expected);
  });
});

describe('describeCouncil', () => {
  it('marks the winner, each member’s outcome and a degraded round', () => {
    const member = { voteStatus: 'completed', totalScore: 80, rank: 1, error: null };
    expect(
      describeCouncil({
        winnerId: 'm/a',
        degraded: true,
        changes: [],
        members: [
          { ...member, memberId: 'm/a', draftStatus: 'completed' },
          { memberId: 'm/b', draftStatus: 'timed_out', voteStatus: null, totalScore: null, rank: null, error: 'slow' },
        ],
      }),
    ).toEqual([
      'Council   winner m/a of 2 members — ⚠ DEGRADED: not every member took part',
      '  ★ m/a: draft completed, vote completed, score 80 (#1)',
      '    m/b: draft timed_out — slow',
    ]);
  });
});
