import { describe, expect, it } from 'vitest';
import { type ScoredVote, selectWinner, WinnerSelectionError } from './winner.ts';

const COUNCIL = ['mai', 'b', 'c'];
const vote = (voterId: string, draftMemberId: string, totalScore: number): ScoredVote => ({
  voterId,
  draftMemberId,
  totalScore,
});

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('selectWinner', () => {
  it.each<[string, ScoredVote[], string, string[]]>([
    [
      'highest sum wins',
      [vote('mai', 'mai', 60), vote('mai', 'b', 80), vote('b', 'mai', 70), vote('b', 'b', 75)],
      'b',
      [],
    ],
    ['MAI wins a tie it is part of', [vote('mai', 'c', 80), vote('mai', 'mai', 80), vote('b', 'b', 70)], 'mai', ['c']],
    [
      'otherwise the earliest in council order wins',
      [vote('mai', 'c', 90), vote('b', 'b', 90), vote('c', 'mai', 10)],
      'b',
      ['c'],
    ],
    [
      'a three-way tie goes to the MAI',
      [vote('x', 'c', 50), vote('x', 'b', 50), vote('x', 'mai', 50)],
      'mai',
      ['b', 'c'],
    ],
    ['an outsider ranks last even with the top score', [vote('mai', 'zed', 100), vote('mai', 'c', 40)], 'c', []],
    ['sums across voters', [vote('mai', 'b', 50), vote('b', 'b', 50), vote('c', 'c', 90)], 'b', []],
  ])('%s', (_name, votes, winnerId, tiedWith) => {
    const result = selectWinner({
      votes,
      council: COUNCIL,
      draftMemberIds: [...COUNCIL, 'zed'],
      phaseLabel: 'Interview',
    });
    expect(result.winnerId).toBe(winnerId);
    expect(result.tiedWith).toEqual(tiedWith);
  });

  it('reports a ranked totals table', () => {
    const result = selectWinner({
      votes: [
        vote('mai', 'b', 80),
        vote('b', 'b', 70),
        vote('mai', 'mai', 60),
        vote('b', 'mai', 90),
        vote('c', 'zed', 99),
      ],
      council: COUNCIL,
      draftMemberIds: COUNCIL,
      phaseLabel: 'PRD',
    });
    expect(result.totals).toEqual([
      { memberId: 'mai', totalScore: 150, voteCount: 2, rank: 1, inCouncil: true },
      { memberId: 'b', totalScore: 150, voteCount: 2, rank: 2, inCouncil: true },
      { memberId: 'zed', totalScore: 99, voteCount: 1, rank: 3, inCouncil: false },
    ]);
  });

  it('does not depend on the order votes arrived in', () => {
    const votes = [
      vote('mai', 'c', 70),
      vote('b', 'b', 80),
      vote('c', 'c', 80),
      vote('mai', 'b', 70),
      vote('b', 'zed', 100),
    ];
    const winners = new Set(
      permutations(votes).map(
        (order) =>
          selectWinner({ votes: order, council: COUNCIL, draftMemberIds: COUNCIL, phaseLabel: 'Beads' }).winnerId,
      ),
    );
    expect([...winners]).toEqual(['b']);
  });

  it('throws no_draft_scored when nothing was scored', () => {
    const call = () => selectWinner({ votes: [], council: COUNCIL, draftMemberIds: COUNCIL, phaseLabel: 'Interview' });
    expect(call).toThrow(WinnerSelectionError);
    expect(call).toThrow(expect.objectContaining({ kind: 'no_draft_scored' }));
  });

  it('throws winner_without_draft when the winner has no matching draft', () => {
    const call = () =>
      selectWinner({
        votes: [vote('mai', 'b', 90), vote('mai', 'c', 10)],
        council: COUNCIL,
        draftMemberIds: ['c'],
        phaseLabel: 'PRD',
      });
    expect(call).toThrow(expect.objectContaining({ kind: 'winner_without_draft', winnerId: 'b' }));
    expect(call).toThrow('PRD winner b has no matching draft — cannot refine');
  });
});
