import { describe, expect, it } from 'vitest';
import { type CouncilSummary, councilView } from './council-view.ts';

const member = (memberId: string, over: Partial<CouncilSummary['members'][number]> = {}) => ({
  memberId,
  draftStatus: 'completed',
  voteStatus: 'completed',
  totalScore: 270,
  rank: 1,
  error: null,
  ...over,
});

describe('councilView', () => {
  it('shows a council still drafting: pending rows, dashes for votes, no winner, nothing called degraded', () => {
    const view = councilView({
      winnerId: null,
      degraded: false,
      members: [
        member('a', { draftStatus: 'pending', voteStatus: null, totalScore: null, rank: null }),
        member('b', { draftStatus: 'timed_out', voteStatus: null, totalScore: null, rank: null, error: 'no answer' }),
      ],
      changes: [],
    });
    expect(view.winnerId).toBeNull();
    expect(view.degraded).toBeNull();
    expect(view.rows.map((r) => [r.memberId, r.draftTone, r.voteStatus, r.score, r.rank, r.isWinner])).toEqual([
      ['a', 'pending', '—', '—', '—', false],
      ['b', 'error', '—', '—', '—', false],
    ]);
    expect(view.rows[1]?.error).toBe('no answer');
  });

  it('shows the decided council: the winner marked, scores and ranks, degraded known, changes as lines', () => {
    const view = councilView({
      winnerId: 'b',
      degraded: true,
      members: [member('a', { totalScore: 180, rank: 2 }), member('b', { totalScore: 0, rank: 1 })],
      changes: [{ type: 'added', item_type: 'user_story', after: { id: 'US-2', title: 'Idle sessions' } }],
    });
    expect(view.degraded).toBe(true);
    expect(view.rows.map((r) => [r.memberId, r.isWinner, r.draftTone, r.score, r.rank])).toEqual([
      ['a', false, 'ok', '180', '2'],
      ['b', true, 'ok', '0', '1'],
    ]);
    expect(view.changes).toEqual(['added user_story: US-2 Idle sessions']);
  });
});
