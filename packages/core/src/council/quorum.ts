import type { MemberStatus, QuorumLine, QuorumResult } from './schema.ts';

export interface DraftQuorumInput {
  memberId: string;
  status: MemberStatus;
  hasContent: boolean;
  error: string | null;
}

export interface VoteQuorumInput {
  memberId: string;
  status: MemberStatus;
  voteCount: number;
  error: string | null;
}

function failureReason(status: MemberStatus, error: string | null): string {
  const detail = error ? `: ${error}` : '';
  switch (status) {
    case 'pending':
      return 'did not finish';
    case 'timed_out':
      return `timed out${detail}`;
    case 'invalid_output':
      return `invalid output after retries${detail}`;
    case 'failed':
      return `failed${detail}`;
    case 'completed':
      return 'completed';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

function summarize(step: string, lines: QuorumLine[], required: number, extra: string | null): QuorumResult {
  const counted = lines.filter((l) => l.counts).length;
  const met = counted >= required && extra === null;
  const failing = lines.filter((l) => !l.counts).map((l) => `${l.memberId} ${l.reason}`);
  const summary =
    `${counted}/${lines.length} ${step} usable, ${required} required` +
    (extra ? `; ${extra}` : '') +
    (failing.length > 0 ? ` (${failing.join('; ')})` : '');
  return { met, required, counted, members: lines, summary };
}

/** workflow.md §5.3: the draft step proceeds when valid drafts ≥ minCouncilQuorum. */
export function checkDraftQuorum(members: readonly DraftQuorumInput[], minQuorum: number): QuorumResult {
  const lines = members.map((m): QuorumLine => {
    const counts = m.status === 'completed' && m.hasContent;
    const reason = counts
      ? 'valid draft'
      : m.status === 'completed'
        ? 'completed without content'
        : failureReason(m.status, m.error);
    return { memberId: m.memberId, status: m.status, counts, reason };
  });
  return summarize('drafts', lines, minQuorum, null);
}

/** workflow.md §5.3: the vote step proceeds when completed voters ≥ minCouncilQuorum and at least one vote exists. */
export function checkVoteQuorum(voters: readonly VoteQuorumInput[], minQuorum: number): QuorumResult {
  const lines = voters.map((v): QuorumLine => {
    const counts = v.status === 'completed';
    const reason = counts ? `voted on ${v.voteCount} draft(s)` : failureReason(v.status, v.error);
    return { memberId: v.memberId, status: v.status, counts, reason };
  });
  const votes = voters.filter((v) => v.status === 'completed').reduce((n, v) => n + v.voteCount, 0);
  return summarize('voters', lines, minQuorum, votes === 0 ? 'no vote was cast' : null);
}
