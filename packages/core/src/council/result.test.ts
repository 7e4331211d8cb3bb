import { describe, expect, it } from 'vitest';
import { buildCouncilResult } from './result.ts';
import type { MemberStatus } from './schema.ts';

const selection = { winnerId: 'a', totals: [], tiedWith: [] };
const row = (memberId: string, status: MemberStatus, error: string | null = null) => ({ memberId, status, error });

describe('buildCouncilResult', () => {
  it.each<[string, ReturnType<typeof row>[], ReturnType<typeof row>[], boolean, number]>([
    [
      'everyone usable',
      [row('a', 'completed'), row('b', 'completed')],
      [row('a', 'completed'), row('b', 'completed')],
      false,
      0,
    ],
    [
      'a draft timed out',
      [row('a', 'completed'), row('b', 'timed_out', 'late')],
      [row('a', 'completed'), row('b', 'completed')],
      true,
      1,
    ],
    [
      'a vote failed',
      [row('a', 'completed'), row('b', 'completed')],
      [row('a', 'completed'), row('b', 'failed', '503')],
      true,
      1,
    ],
    [
      'both steps lost a member',
      [row('a', 'completed'), row('b', 'invalid_output')],
      [row('a', 'timed_out'), row('b', 'completed')],
      true,
      2,
    ],
  ])('%s', (_name, drafts, voters, degraded, issueCount) => {
    const result = buildCouncilResult({ selection, councilSize: 2, drafts, voters });
    expect(result.degraded).toBe(degraded);
    expect(result.issues).toHaveLength(issueCount);
  });

  it('names the member, step, outcome and error of each issue', () => {
    const result = buildCouncilResult({
      selection,
      councilSize: 3,
      drafts: [row('a', 'completed'), row('b', 'timed_out', 'b did not answer'), row('c', 'completed')],
      voters: [row('a', 'completed'), row('b', 'completed'), row('c', 'invalid_output', 'bad yaml')],
    });
    expect(result.issues).toEqual([
      { memberId: 'b', step: 'draft', outcome: 'timed_out', error: 'b did not answer' },
      { memberId: 'c', step: 'vote', outcome: 'invalid_output', error: 'bad yaml' },
    ]);
  });
});
