import type { PlanningReview } from '../lib/trpc.ts';
import { describeChange } from './change-record.ts';

// workflow.md §5, §16.3: what a council screen shows, live while the council works and at the approval gates — one
// view of the server's council summary (planning/review.ts), so both places read the same members and scores.

export type CouncilSummary = NonNullable<PlanningReview['council']>;

export interface CouncilRow {
  memberId: string;
  isWinner: boolean;
  draftStatus: string;
  /** `pending` while the member still drafts, `error` for any outcome other than completed. */
  draftTone: 'ok' | 'pending' | 'error';
  voteStatus: string;
  score: string;
  rank: string;
  error: string | null;
}

export interface CouncilView {
  winnerId: string | null;
  /** Known once the vote has a winner; before that there is nothing to call degraded. */
  degraded: boolean | null;
  rows: CouncilRow[];
  /** The winner's refinement changes, one line each (§5.6). */
  changes: string[];
}

const dash = (value: string | number | null) => (value === null ? '—' : String(value));

export function councilView(summary: CouncilSummary): CouncilView {
  return {
    winnerId: summary.winnerId,
    degraded: summary.winnerId === null ? null : summary.degraded,
    rows: summary.members.map((m) => ({
      memberId: m.memberId,
      isWinner: m.memberId === summary.winnerId,
      draftStatus: m.draftStatus,
      draftTone: m.draftStatus === 'completed' ? 'ok' : m.draftStatus === 'pending' ? 'pending' : 'error',
      voteStatus: dash(m.voteStatus),
      score: dash(m.totalScore),
      rank: dash(m.rank),
      error: m.error,
    })),
    changes: summary.changes.map(describeChange),
  };
}
