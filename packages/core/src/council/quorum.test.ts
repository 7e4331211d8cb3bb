import { describe, expect, it } from 'vitest';
import { checkDraftQuorum, checkVoteQuorum, type DraftQuorumInput, type VoteQuorumInput } from './quorum.ts';

const draft = (
  memberId: string,
  status: DraftQuorumInput['status'],
  hasContent = status === 'completed',
  error: string | null = null,
) => ({
  memberId,
  status,
  hasContent,
  error,
});
const voter = (
  memberId: string,
  status: VoteQuorumInput['status'],
  voteCount = status === 'completed' ? 3 : 0,
  error: string | null = null,
) => ({
  memberId,
  status,
  voteCount,
  error,
});

describe('checkDraftQuorum', () => {
  it.each([
    ['all valid', [draft('a', 'completed'), draft('b', 'completed'), draft('c', 'completed')], 2, true, 3],
    ['exactly the quorum', [draft('a', 'completed'), draft('b', 'timed_out'), draft('c', 'completed')], 2, true, 2],
    ['one short', [draft('a', 'completed'), draft('b', 'failed'), draft('c', 'invalid_output')], 2, false, 1],
    [
      'completed without content does not count',
      [draft('a', 'completed'), draft('b', 'completed', false)],
      2,
      false,
      1,
    ],
    ['pending does not count', [draft('a', 'completed'), draft('b', 'pending')], 2, false, 1],
    ['quorum above the council size always blocks', [draft('a', 'completed'), draft('b', 'completed')], 3, false, 2],
    ['quorum of one', [draft('a', 'failed'), draft('b', 'completed')], 1, true, 1],
  ])('%s', (_name, members, minQuorum, met, counted) => {
    const result = checkDraftQuorum(members, minQuorum);
    expect(result).toMatchObject({ met, counted, required: minQuorum });
    expect(result.members.map((m) => m.memberId)).toEqual(members.map((m) => m.memberId));
  });

  it('explains every member, with the error of those that failed', () => {
    const result = checkDraftQuorum(
      [
        draft('a', 'completed'),
        draft('b', 'timed_out', false, 'b did not answer within 1200 s'),
        draft('c', 'invalid_output', false, 'questions: required'),
        draft('d', 'failed', false, 'provider 503'),
      ],
      3,
    );
    expect(result.members.map((m) => [m.memberId, m.counts, m.reason])).toEqual([
      ['a', true, 'valid draft'],
      ['b', false, 'timed out: b did not answer within 1200 s'],
      ['c', false, 'invalid output after retries: questions: required'],
      ['d', false, 'failed: provider 503'],
    ]);
    expect(result.summary).toBe(
      '1/4 drafts usable, 3 required (b timed out: b did not answer within 1200 s; ' +
        'c invalid output after retries: questions: required; d failed: provider 503)',
    );
  });
});

describe('checkVoteQuorum', () => {
  it.each([
    ['all voted', [voter('a', 'completed'), voter('b', 'completed')], 2, true, 2],
    ['a timed-out voter does not count', [voter('a', 'completed'), voter('b', 'timed_out')], 2, false, 1],
    [
      'malformed votes do not count',
      [voter('a', 'invalid_output'), voter('b', 'completed'), voter('c', 'completed')],
      2,
      true,
      2,
    ],
    ['completed voters but no vote cast', [voter('a', 'completed', 0), voter('b', 'completed', 0)], 2, false, 2],
    ['quorum of one with one vote', [voter('a', 'failed'), voter('b', 'completed', 1)], 1, true, 1],
  ])('%s', (_name, voters, minQuorum, met, counted) => {
    expect(checkVoteQuorum(voters, minQuorum)).toMatchObject({ met, counted, required: minQuorum });
  });

  it('names the missing vote in the summary', () => {
    expect(checkVoteQuorum([voter('a', 'completed', 0)], 1).summary).toBe(
      '1/1 voters usable, 1 required; no vote was cast',
    );
  });
});
